// One step of the Inngest delivery loop: claim the delivery if it is still owed an attempt,
// run it through the delivery core, and say what the loop should do next. The claim is what
// makes a duplicate event harmless: only a pending, due, unleased delivery is attempted.
import { claimDelivery, constrainedWait, releaseLeases } from "../claim";
import type { DeliveryContext } from "../context";
import { runDeliveries } from "../core";

/**
 * Inngest rounds sleeps to whole seconds, so a run may wake up to about half a second before
 * the time it slept until. A delivery due within this much of that time is attempted at once
 * rather than slept for again (an attempt may so go out up to 1 s early).
 */
export const EARLY_WAKE_TOLERANCE_MS = 1000;

/** JSON-safe (step results are stored by Inngest): dates are ISO strings. */
export type AttemptStepResult =
  | {
      attempted: true;
      status: "pending" | "succeeded" | "failed";
      nextAttemptAt: string | null;
      attemptNumber: number;
      responseStatus: number | null;
      /** An ordered endpoint's next delivery, now first in line: its run must be started. */
      nextInLine: { deliveryId: string; endpointId: string } | null;
    }
  | {
      attempted: false;
      /**
       * missing: deleted; settled: succeeded or failed; not-due: scheduled later; in-flight: leased;
       * endpoint-inactive: waits for re-enable; waiting-turn: an ordered endpoint's earlier
       * delivery is unsettled; rate-limited: the endpoint's max rate is used up until `nextAttemptAt`.
       */
      reason: "missing" | "settled" | "not-due" | "in-flight" | "endpoint-inactive" | "waiting-turn" | "rate-limited";
      status: "pending" | "succeeded" | "failed" | null;
      nextAttemptAt: string | null;
      /** Not due, and this run made its last attempt (a re-run step whose first result was lost): keep sleeping. */
      ownedByThisRun?: true;
      /**
       * Settled, on an ordered endpoint: the next delivery in line and the attempt that settled
       * this one. A re-run step whose first result (which named it) was lost names it again;
       * the event id built from both makes the second request a no-op.
       */
      nextInLine?: { deliveryId: string; endpointId: string };
      settledByAttempt?: number;
    };

async function whyNotClaimed(ctx: DeliveryContext, deliveryId: string, owner: string | undefined, dueBy: Date): Promise<AttemptStepResult> {
  const delivery = await ctx.db.delivery.findUnique({
    where: { id: deliveryId },
    select: {
      id: true,
      endpointId: true,
      createdAt: true,
      status: true,
      attemptCount: true,
      nextAttemptAt: true,
      leaseUntil: true,
      leaseOwner: true,
      endpoint: { select: { active: true, ordered: true, maxRatePerSec: true } },
    },
  });
  const base = { attempted: false as const, status: delivery?.status ?? null, nextAttemptAt: delivery?.nextAttemptAt?.toISOString() ?? null };
  if (!delivery) return { ...base, reason: "missing" };
  if (delivery.status !== "pending") {
    const next = delivery.endpoint.ordered ? await nextInLine(ctx, delivery.endpointId) : null;
    return { ...base, reason: "settled", ...(next ? { nextInLine: next, settledByAttempt: delivery.attemptCount } : {}) };
  }
  if (!delivery.endpoint.active) return { ...base, reason: "endpoint-inactive" };
  const now = ctx.now();
  // Not due by the time this run may attempt it (a wake within the tolerance counts as due).
  if (delivery.nextAttemptAt && delivery.nextAttemptAt > dueBy) {
    return { ...base, reason: "not-due", ...(owner && delivery.leaseOwner === owner ? { ownedByThisRun: true as const } : {}) };
  }
  if (delivery.leaseUntil && delivery.leaseUntil >= now) return { ...base, reason: "in-flight" };
  const wait = await constrainedWait(ctx, delivery, delivery.endpoint);
  if (wait?.reason === "rate-limited") return { ...base, reason: "rate-limited", nextAttemptAt: wait.retryAt.toISOString() };
  if (wait) return { ...base, reason: wait.reason };
  return { ...base, reason: "in-flight" };
}

/** After a delivery to an ordered endpoint settled: the endpoint's oldest unsettled delivery, if any. */
async function nextInLine(ctx: DeliveryContext, endpointId: string) {
  const endpoint = await ctx.db.endpoint.findUnique({ where: { id: endpointId }, select: { ordered: true } });
  if (!endpoint?.ordered) return null;
  const next = await ctx.db.delivery.findFirst({
    where: { endpointId, status: "pending" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return next ? { deliveryId: next.id, endpointId } : null;
}

/**
 * Attempts the delivery once (trigger "auto"; queued recoveries stay "manual") if it is owed an
 * attempt. `runId` owns the claim (see claimDelivery). If the attempt throws before it is
 * recorded, the lease is released and the error rethrown, so Inngest retries the step (and a
 * failure that repeats ends the run as Failed) instead of the delivery waiting out its lease.
 */
export async function attemptDelivery(
  ctx: DeliveryContext,
  deliveryId: string,
  runId?: string,
  /** The time this run slept until, if it slept: a wake just before it still attempts. */
  scheduled?: string | null,
): Promise<AttemptStepResult> {
  const now = ctx.now().getTime();
  const wokeEarly = scheduled != null && Date.parse(scheduled) - now <= EARLY_WAKE_TOLERANCE_MS;
  const dueBy = new Date(now + (wokeEarly ? EARLY_WAKE_TOLERANCE_MS : 0));
  if (!(await claimDelivery(ctx, deliveryId, runId, dueBy))) return whyNotClaimed(ctx, deliveryId, runId, dueBy);
  let outcome: Awaited<ReturnType<typeof runDeliveries>>[number] | undefined;
  try {
    [outcome] = await runDeliveries(ctx, [deliveryId], "auto");
  } catch (error) {
    await releaseLeases(ctx, [deliveryId], runId ?? null).catch(() => undefined);
    throw error;
  }
  if (!outcome) return { attempted: false, reason: "missing", status: null, nextAttemptAt: null };
  return {
    attempted: true,
    status: outcome.decision.status,
    nextAttemptAt: outcome.decision.nextAttemptAt?.toISOString() ?? null,
    attemptNumber: outcome.attemptNumber,
    responseStatus: outcome.result.status,
    nextInLine: outcome.decision.status === "pending" ? null : await nextInLine(ctx, outcome.endpointId),
  };
}
