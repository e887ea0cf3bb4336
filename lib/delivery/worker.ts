// The embedded delivery engine (docs/delivery.md#engines): runs inside the server process,
// claims due deliveries with a lease (./claim.ts) and runs them through the delivery core
// with bounded concurrency, overall and per endpoint.
import { claimDueDeliveries, PER_ENDPOINT_CONCURRENCY, releaseLeases } from "./claim";
import type { DeliveryContext } from "./context";
import { runDeliveries } from "./core";
import { onDeliveriesDue } from "./wake";

export interface WorkerOptions {
  /** Deliveries claimed per round trip. */
  batchSize?: number;
  /** Attempts in flight at once. */
  concurrency?: number;
  /** Attempts in flight at once per endpoint. */
  perEndpointConcurrency?: number;
  /** How often to look for due deliveries when nothing wakes the worker. */
  pollMs?: number;
}

const DEFAULTS = { batchSize: 200, concurrency: 64, perEndpointConcurrency: PER_ENDPOINT_CONCURRENCY, pollMs: 1_000 };

/** One round: claim what is due and deliver it. Returns how many deliveries were attempted. */
export async function deliverDueOnce(ctx: DeliveryContext, options: WorkerOptions = {}): Promise<number> {
  const o = { ...DEFAULTS, ...options };
  const ids = await claimDueDeliveries(ctx, o.batchSize);
  if (ids.length === 0) return 0;
  try {
    const outcomes = await runDeliveries(ctx, ids, "auto", { concurrency: o.concurrency, perKeyLimit: o.perEndpointConcurrency });
    return outcomes.length;
  } catch (error) {
    // The batch was not (wholly) recorded: its deliveries may go again at once, not in 120 s (at least once).
    await releaseLeases(ctx, ids).catch(() => undefined);
    throw error;
  }
}

export interface RunningWorker {
  stop(): Promise<void>;
}

export function startWorker(ctx: DeliveryContext, options: WorkerOptions = {}): RunningWorker {
  const o = { ...DEFAULTS, ...options };
  let stopped = false;
  let wake: (() => void) | null = null;
  let pending = false;
  const unsubscribe = onDeliveriesDue(() => {
    pending = true;
    wake?.();
  });

  const loop = (async () => {
    while (!stopped) {
      pending = false;
      let attempted = 0;
      try {
        attempted = await deliverDueOnce(ctx, o);
      } catch (error) {
        console.error("[worker] delivery round failed:", error instanceof Error ? error.message : error);
      }
      if (attempted > 0 || pending || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, o.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    async stop() {
      stopped = true;
      unsubscribe();
      wake?.();
      await loop;
    },
  };
}
