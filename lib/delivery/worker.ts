// The embedded delivery engine (docs/delivery.md#engines): runs inside the server process,
// claims due deliveries with a lease (./claim.ts) and runs them through the delivery core.
//
// It is a pipeline (docs/PERFORMANCE.md#the-pipeline): claiming and loading, sending, and
// recording overlap. The claimer keeps a short queue of loaded deliveries topped up; each
// finished attempt frees its send slot for the next queued delivery at once (no batch waits
// for its slowest request); finished attempts are recorded together, one batch at a time,
// while the next ones are in flight. Every attempt is recorded before its lease is given up.
import { claimDueDeliveries, PER_ENDPOINT_CONCURRENCY, releaseLeases } from "./claim";
import type { DeliveryContext } from "./context";
import { attemptJob, loadJobs, recordAttempts, runDeliveries, type AttemptMade, type DeliveryJob } from "./core";
import { onDeliveriesDue } from "./wake";

export interface WorkerOptions {
  /** Deliveries claimed and loaded per round trip. */
  batchSize?: number;
  /** Attempts in flight at once. */
  concurrency?: number;
  /** Attempts in flight at once per endpoint. */
  perEndpointConcurrency?: number;
  /** How often to look for due deliveries when nothing wakes the worker. */
  pollMs?: number;
}

const DEFAULTS = { batchSize: 200, concurrency: 64, perEndpointConcurrency: PER_ENDPOINT_CONCURRENCY, pollMs: 1_000 };

/**
 * Claims start at most this often while events keep waking the worker, so a stream of events is
 * claimed a few at a time rather than one claim per event; a full claim goes again at once.
 */
const CLAIM_COALESCE_MS = 10;

/** Attempts recorded per statement at most; more finished attempts wait for the next batch. */
const MAX_RECORD_BATCH = 1_000;
/** While attempts are in flight, finished ones are recorded once this many have gathered… */
const RECORD_BATCH_MIN = 32;
/** …or once the first of them has waited this long. */
const RECORD_LINGER_MS = 5;

/** One round, without the pipeline: claim what is due, deliver it, record it. Returns how many deliveries were attempted. */
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

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A claimed delivery waiting for a send slot, with the body cache of the batch it was loaded in. */
interface Queued {
  job: DeliveryJob;
  bodies: Map<string, string>;
}

export function startWorker(ctx: DeliveryContext, options: WorkerOptions = {}): RunningWorker {
  const o = { ...DEFAULTS, ...options };
  let stopped = false;
  // The next batch is claimed while this many are still queued, so the slots keep busy while it loads.
  const refillAt = Math.max(o.concurrency, o.batchSize);

  // Claimed deliveries waiting for a send slot, one lane per endpoint (the per-endpoint limit).
  const lanes = new Map<string, Queued[]>();
  const inFlightByEndpoint = new Map<string, number>();
  let queued = 0;
  let inFlight = 0;

  // Finished attempts waiting to be recorded, and the batch being recorded now.
  let finished: (AttemptMade & { constrained: boolean })[] = [];
  let recording: Promise<void> | null = null;
  // Resolves the stop() that waits for the last attempts to be recorded.
  let drained: (() => void) | null = null;

  // The claimer sleeps when nothing is due or the queue is full; these wake it.
  let wakeClaimer: (() => void) | null = null;
  let waitingForRoom = false;
  let pending = false;
  let lastClaimAt = Number.NEGATIVE_INFINITY;
  const wake = () => {
    pending = true;
    wakeClaimer?.();
  };
  const unsubscribe = onDeliveriesDue(wake);

  // Starts queued deliveries while there are free slots, taking lanes in turn.
  function pump() {
    // Stopping: nothing new goes out (stop() gives the queued deliveries back).
    if (stopped) return;
    for (const endpointId of [...lanes.keys()]) {
      if (inFlight >= o.concurrency) break;
      const lane = lanes.get(endpointId)!;
      let started = false;
      while (lane.length > 0 && inFlight < o.concurrency && (inFlightByEndpoint.get(endpointId) ?? 0) < o.perEndpointConcurrency) {
        start(lane.shift()!);
        started = true;
      }
      // A lane that got a slot goes to the back: endpoints take turns.
      if (started || lane.length === 0) lanes.delete(endpointId);
      if (started && lane.length > 0) lanes.set(endpointId, lane);
    }
    // The queue is running low: a claimer waiting for room claims the next batch now.
    if (waitingForRoom && queued <= refillAt) wakeClaimer?.();
  }

  function start({ job, bodies }: Queued) {
    const endpointId = job.delivery.endpointId;
    queued--;
    inFlight++;
    inFlightByEndpoint.set(endpointId, (inFlightByEndpoint.get(endpointId) ?? 0) + 1);
    attemptJob(ctx, job, "auto", bodies).then(
      (made) => finished.push({ ...made, constrained: job.delivery.constrained }),
      async (error) => {
        // Not sent or not decided (a bug or a corrupt row): the delivery may go again at once.
        console.error("[worker] attempt failed before it could be recorded:", describe(error));
        await releaseLeases(ctx, [job.delivery.id]).catch(() => undefined);
      },
    ).finally(() => {
      inFlight--;
      const left = inFlightByEndpoint.get(endpointId)! - 1;
      if (left === 0) inFlightByEndpoint.delete(endpointId);
      else inFlightByEndpoint.set(endpointId, left);
      record();
      pump();
    });
  }

  // Records what has finished, one batch at a time. A batch is started after the I/O ready
  // now has been handled (setImmediate), and, while attempts are still in flight, only once
  // RECORD_BATCH_MIN have finished or RECORD_LINGER_MS have passed: a statement costs about
  // the same for one attempt as for dozens (on PGlite, whose one thread runs every statement,
  // recording each attempt alone would leave it little time for anything else).
  let flushScheduled = false;
  function record() {
    if (recording || flushScheduled) return;
    if (finished.length === 0) {
      if (inFlight === 0 && drained) drained();
      return;
    }
    flushScheduled = true;
    if (finished.length >= RECORD_BATCH_MIN || inFlight === 0 || drained) setImmediate(flush);
    else setTimeout(flush, RECORD_LINGER_MS);
  }

  function flush() {
    flushScheduled = false;
    const batch = finished.length > MAX_RECORD_BATCH ? finished.splice(0, MAX_RECORD_BATCH) : finished;
    if (batch === finished) finished = [];
    recording = recordAttempts(ctx, batch)
      .catch(async (error) => {
        // The attempts were made but not stored: their deliveries may go again at once (at least once).
        console.error("[worker] recording attempts failed:", describe(error));
        await releaseLeases(ctx, batch.map((m) => m.outcome.deliveryId)).catch(() => undefined);
      })
      .finally(() => {
        recording = null;
        // A settled delivery of an ordered or rate-capped endpoint may let its next one be claimed now.
        if (batch.some((m) => m.constrained)) wake();
        record();
      });
  }

  async function claimBatch(): Promise<number> {
    const ids = await claimDueDeliveries(ctx, o.batchSize);
    if (ids.length === 0) return 0;
    let jobs: DeliveryJob[];
    try {
      jobs = await loadJobs(ctx, ids);
    } catch (error) {
      await releaseLeases(ctx, ids).catch(() => undefined);
      throw error;
    }
    const bodies = new Map<string, string>();
    for (const job of jobs) {
      const lane = lanes.get(job.delivery.endpointId);
      if (lane) lane.push({ job, bodies });
      else lanes.set(job.delivery.endpointId, [{ job, bodies }]);
    }
    queued += jobs.length;
    pump();
    return ids.length;
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeClaimer = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wakeClaimer = null;
    });

  const claimer = (async () => {
    while (!stopped) {
      // Enough queued to keep every slot busy until a next claim would return: wait for room.
      if (queued > refillAt) {
        waitingForRoom = true;
        await sleep(o.pollMs);
        waitingForRoom = false;
        continue;
      }
      // Woken again soon after the last claim (a stream of events): let a few more become due,
      // so a stream is claimed in batches, not one claim per event. A first event claims at once.
      const sinceLastClaim = performance.now() - lastClaimAt;
      if (sinceLastClaim < CLAIM_COALESCE_MS) await new Promise((resolve) => setTimeout(resolve, CLAIM_COALESCE_MS - sinceLastClaim));
      pending = false;
      lastClaimAt = performance.now();
      let claimed = 0;
      try {
        claimed = await claimBatch();
      } catch (error) {
        console.error("[worker] delivery round failed:", describe(error));
      }
      // A full claim: more is due, claim again at once.
      if (claimed >= o.batchSize) lastClaimAt = Number.NEGATIVE_INFINITY;
      if (claimed >= o.batchSize || pending || stopped) continue;
      await sleep(o.pollMs);
    }
  })();

  return {
    async stop() {
      stopped = true;
      unsubscribe();
      wakeClaimer?.();
      await claimer;
      // Claimed but not started: give the leases back so another worker may take them at once.
      const unstarted = [...lanes.values()].flat().map((q) => q.job.delivery.id);
      lanes.clear();
      queued = 0;
      await releaseLeases(ctx, unstarted).catch(() => undefined);
      // Started: wait until every attempt is recorded.
      await new Promise<void>((resolve) => {
        drained = resolve;
        record();
      });
      await recording;
    },
  };
}
