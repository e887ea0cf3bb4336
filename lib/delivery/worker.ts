// The embedded delivery engine (§5): runs inside the server process, claims due deliveries
// with a lease (FOR UPDATE SKIP LOCKED, so several instances on PostgreSQL never take the
// same one), and runs them through the delivery core with bounded concurrency. A crashed
// attempt's lease expires and the delivery is claimed again.
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
  /** How long a claim holds a delivery; longer than the slowest attempt (30 s timeout max). */
  leaseMs?: number;
  /** How often to look for due deliveries when nothing wakes the worker. */
  pollMs?: number;
}

const DEFAULTS = { batchSize: 200, concurrency: 64, perEndpointConcurrency: 16, leaseMs: 120_000, pollMs: 1_000 };

/** Claims up to `limit` due deliveries for `leaseMs`. Returns their ids. */
export async function claimDueDeliveries(ctx: DeliveryContext, limit: number, leaseMs: number): Promise<string[]> {
  const now = ctx.now();
  const rows = await ctx.db.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "Delivery" SET "leaseUntil" = $2::timestamp(3)
      WHERE id IN (
        SELECT d.id FROM "Delivery" d
         WHERE d.status = 'pending' AND d."nextAttemptAt" <= $1::timestamp(3)
           AND (d."leaseUntil" IS NULL OR d."leaseUntil" < $1::timestamp(3))
           -- A disabled endpoint's deliveries wait until it is enabled again.
           AND EXISTS (SELECT 1 FROM "Endpoint" e WHERE e.id = d."endpointId" AND e.active)
         ORDER BY d."nextAttemptAt"
         LIMIT $3
         FOR UPDATE OF d SKIP LOCKED)
      RETURNING id`,
    now.toISOString(),
    new Date(now.getTime() + leaseMs).toISOString(),
    limit,
  );
  return rows.map((r) => r.id);
}

/** One round: claim what is due and deliver it. Returns how many deliveries were attempted. */
export async function deliverDueOnce(ctx: DeliveryContext, options: WorkerOptions = {}): Promise<number> {
  const o = { ...DEFAULTS, ...options };
  const ids = await claimDueDeliveries(ctx, o.batchSize, o.leaseMs);
  if (ids.length === 0) return 0;
  const outcomes = await runDeliveries(ctx, ids, "auto", { concurrency: o.concurrency, perKeyLimit: o.perEndpointConcurrency });
  return outcomes.length;
}

/** Single-instance start-up: leases held by this process before a restart can go at once. */
export async function releaseAllLeases(ctx: DeliveryContext) {
  await ctx.db.delivery.updateMany({ where: { leaseUntil: { not: null } }, data: { leaseUntil: null } });
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
