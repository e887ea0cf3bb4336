// The Inngest delivery engine (docs/delivery.md#engines): the same delivery core as the embedded
// worker, driven by Inngest events, sleeps and crons instead of a polling loop.
//   message published → fan-out → one "attempt requested" event per pending delivery
//   attempt requested → deliver: attempt, sleep until the next retry, attempt … until settled
//   every 5 min → re-request stranded deliveries; hourly → auto-disable; daily → prune the log
import { config } from "@/lib/config";
import { markRequested, PER_ENDPOINT_CONCURRENCY, releaseFailedRun, strandedDeliveries } from "../claim";
import type { DeliveryContext } from "../context";
import { pruneDeliveryLogBatch, pruneExpiredInboxes, pruneHealthBuckets, retentionCutoff } from "../retention";
import { attemptDelivery, EARLY_WAKE_TOLERANCE_MS, type AttemptStepResult } from "./attempt-delivery";
import { attemptRequested, inngest, messagePublished, type AttemptRequest } from "./client";
import { pendingDeliveriesOfMessage } from "./deliveries-to-request";
import { disableStaleEndpoints } from "../auto-disable";
import { attemptRequestedEvent, EVENTS_PER_SEND } from "./send";

/** Attempt/sleep rounds per run (the longest schedule has 21 attempts); the sweep takes over after. */
export const MAX_DELIVERY_ROUNDS = 30;
/** Waits for a rate-capped endpoint's room per run (each is two steps; a run has at most 1,000). */
export const MAX_RATE_WAITS = 300;
/**
 * A due delivery no run has claimed for this long (and not requested for this long) is requested
 * again. With the sweep every 5 minutes, a stranded delivery is requested again at most 15
 * minutes after it fell due.
 */
export const STRANDED_AFTER_MS = 10 * 60 * 1000;
export const STRANDED_PER_SWEEP = 5000;
/** Prune batches per daily run (each deletes up to 1,000 rows); the rest waits for tomorrow. */
export const MAX_PRUNE_BATCHES = 500;

export type GetDeliveryContext = () => DeliveryContext | Promise<DeliveryContext>;

export interface DeliveryFunctionOptions {
  client?: typeof inngest;
  retentionDays?: () => number;
}

type SendEvent = (id: string, events: ReturnType<typeof attemptRequestedEvent>[]) => Promise<unknown>;

/** One step per chunk of events, so a large fan-out stays within Inngest's payload limit. */
async function sendAttemptEvents(sendEvent: SendEvent, stepId: string, requests: AttemptRequest[], eventId: (r: AttemptRequest) => string) {
  for (let i = 0, n = 1; i < requests.length; i += EVENTS_PER_SEND, n++) {
    await sendEvent(`${stepId}-${n}`, requests.slice(i, i + EVENTS_PER_SEND).map((r) => attemptRequestedEvent(r, eventId(r))));
  }
}

/**
 * How early Inngest may wake a sleeping run: its server rounds sleeps to whole seconds, so a run
 * can wake up to about half a second before the time it asked for (docs/delivery.md#engines).
 */
export { EARLY_WAKE_TOLERANCE_MS } from "./attempt-delivery";

/**
 * When the run should wake for the next attempt, or null when it is done. A delivery that
 * is not due yet is only waited for when this run scheduled that time (Inngest woke early):
 * its next attempt is then at, or within EARLY_WAKE_TOLERANCE_MS of, the time this run slept
 * until. Otherwise another run or a manual attempt owns it.
 */
export function nextWake(result: AttemptStepResult, scheduled: string | null): string | null {
  if (result.status !== "pending" || !result.nextAttemptAt) return null;
  if (result.attempted) return result.nextAttemptAt;
  if (result.reason !== "not-due" || scheduled === null) return null;
  const apart = Math.abs(Date.parse(result.nextAttemptAt) - Date.parse(scheduled));
  return apart <= EARLY_WAKE_TOLERANCE_MS ? result.nextAttemptAt : null;
}

export function createDeliveryFunctions(getContext: GetDeliveryContext, options: DeliveryFunctionOptions = {}) {
  const client = options.client ?? inngest;
  const retentionDays = options.retentionDays ?? (() => config().deliveryRetentionDays);

  const fanOutMessage = client.createFunction(
    { id: "fan-out-message", name: "Fan out a published message", triggers: [messagePublished] },
    async ({ event, step }) => {
      const { messageId, orgId } = event.data;
      const requests = await step.run("load-pending-deliveries", async () => pendingDeliveriesOfMessage((await getContext()).db, orgId, messageId));
      // The event id makes a second fan-out of the same message start no second run.
      await sendAttemptEvents((id, events) => step.sendEvent(id, events), "request-attempts", requests, (r) => `attempt-${r.deliveryId}`);
      // Marked only once Inngest took the events: a send that never succeeds leaves them unmarked,
      // so the sweep requests them within 15 minutes of falling due.
      if (requests.length > 0) {
        await step.run("mark-requested", async () => markRequested(await getContext(), requests.map((r) => r.deliveryId)));
      }
      return { requested: requests.length };
    },
  );

  const deliverWebhook = client.createFunction(
    {
      id: "deliver-webhook",
      name: "Deliver a webhook and follow its retry schedule",
      triggers: [attemptRequested],
      concurrency: [{ key: "event.data.endpointId", limit: PER_ENDPOINT_CONCURRENCY }],
      // Inngest gave up on the run (a step failed on every try, or the run could not start its
      // steps): give back its lease and its request, so the delivery is not left to wait them out.
      onFailure: async ({ event, step }) => {
        const failed = event.data;
        const released = await step.run("release-delivery", async () =>
          releaseFailedRun(await getContext(), failed.event.data.deliveryId, failed.run_id),
        );
        return { released: released === 1 };
      },
    },
    async ({ event, step, runId }) => {
      const { deliveryId } = event.data;
      let scheduled: string | null = null;
      let rateWaits = 0;
      for (let round = 1; round <= MAX_DELIVERY_ROUNDS; ) {
        const stepId = rateWaits ? `attempt-${round}-after-wait-${rateWaits}` : `attempt-${round}`;
        const result = await step.run(stepId, async () => attemptDelivery(await getContext(), deliveryId, runId, scheduled));
        // Ordered endpoint: the next delivery's turn has come (its earlier run ended waiting). Also
        // when this step found the delivery settled: a re-run whose first result was lost.
        const next = result.nextInLine;
        if (next) {
          const settledBy = result.attempted ? result.attemptNumber : result.settledByAttempt;
          await step.sendEvent(`request-next-${round}`, attemptRequestedEvent(next, `turn-${next.deliveryId}-after-${deliveryId}-${settledBy}`));
        }
        if (!result.attempted && result.reason === "rate-limited" && result.nextAttemptAt && rateWaits < MAX_RATE_WAITS) {
          // The endpoint's max rate is used up: wait for room (no attempt made, so no round used).
          rateWaits++;
          await step.sleepUntil(`rate-wait-${round}-${rateWaits}`, result.nextAttemptAt);
          continue;
        }
        // A re-run step whose first result was lost: this run attempted and scheduled the next time.
        if (!result.attempted && result.ownedByThisRun) scheduled = result.nextAttemptAt;
        const wake = nextWake(result, scheduled);
        if (!wake) return result;
        scheduled = wake;
        await step.sleepUntil(`wait-${round}`, wake);
        round++;
      }
      return { attempted: false, reason: "rounds-exhausted" as const, status: "pending" as const, nextAttemptAt: scheduled };
    },
  );

  const requeueStrandedDeliveries = client.createFunction(
    { id: "requeue-stranded-deliveries", name: "Re-request stranded deliveries", triggers: [{ cron: "*/5 * * * *" }] },
    async ({ step }) => {
      const { requests, slot } = await step.run("find-stranded-deliveries", async () => {
        const ctx = await getContext();
        return {
          requests: await strandedDeliveries(ctx, STRANDED_AFTER_MS, STRANDED_PER_SWEEP),
          slot: Math.floor(ctx.now().getTime() / STRANDED_AFTER_MS),
        };
      });
      // At most one re-request per delivery state and 10 minutes (sweeps that overlap send the
      // same ids): a run Inngest still has queued or asleep gets a duplicate at most that often,
      // and a delivery whose run is stuck is requested again within the 15-minute bound.
      const attemptsOf = new Map(requests.map((r) => [r.deliveryId, r.attemptCount]));
      await sendAttemptEvents((id, events) => step.sendEvent(id, events), "request-attempts", requests, (r) => `requeue-${r.deliveryId}-${attemptsOf.get(r.deliveryId)}-${slot}`);
      // Marked once sent, as the fan-out does: the find step only reads, so a re-run of it (its
      // result lost) finds the same deliveries instead of none.
      if (requests.length > 0) {
        await step.run("mark-requested", async () => markRequested(await getContext(), requests.map((r) => r.deliveryId)));
      }
      return { requested: requests.length };
    },
  );

  const disableStaleEndpointsCron = client.createFunction(
    { id: "disable-stale-endpoints", name: "Disable endpoints failing for 5 days", triggers: [{ cron: "0 * * * *" }] },
    async ({ step }) => {
      const disabled = await step.run("disable-stale-endpoints", async () => disableStaleEndpoints(await getContext()));
      return { disabled };
    },
  );

  const pruneDeliveryLogCron = client.createFunction(
    { id: "prune-delivery-log", name: "Prune the delivery log", triggers: [{ cron: "0 3 * * *" }] },
    async ({ step }) => {
      const cutoff = await step.run("retention-cutoff", async () => retentionCutoff((await getContext()).now(), retentionDays()).toISOString());
      const total = { deliveries: 0, messages: 0 };
      for (let batch = 1; batch <= MAX_PRUNE_BATCHES; batch++) {
        const pruned = await step.run(`prune-batch-${batch}`, async () => pruneDeliveryLogBatch((await getContext()).db, new Date(cutoff)));
        total.deliveries += pruned.deliveries;
        total.messages += pruned.messages;
        if (pruned.done) break;
      }
      // The health rollup keeps 8 days, expired test inboxes go (both small: hours × endpoints, inboxes).
      const housekeeping = await step.run("prune-health-and-inboxes", async () => {
        const ctx = await getContext();
        return { healthBuckets: await pruneHealthBuckets(ctx.db, ctx.now()), inboxes: await pruneExpiredInboxes(ctx.db, ctx.now()) };
      });
      return { cutoff, ...total, ...housekeeping };
    },
  );

  return {
    fanOutMessage,
    deliverWebhook,
    requeueStrandedDeliveries,
    disableStaleEndpoints: disableStaleEndpointsCron,
    pruneDeliveryLog: pruneDeliveryLogCron,
  };
}

export type DeliveryFunctions = ReturnType<typeof createDeliveryFunctions>;
