// One step of the Inngest delivery loop: claim the delivery if it is still owed an attempt,
// run it through the delivery core, and say what the loop should do next. The claim is what
// makes a duplicate event harmless: only a pending, due, unleased delivery is attempted.
import { claimDelivery } from "../claim";
import type { DeliveryContext } from "../context";
import { runDeliveries } from "../core";

/** JSON-safe (step results are stored by Inngest): dates are ISO strings. */
export type AttemptStepResult =
  | {
      attempted: true;
      status: "pending" | "succeeded" | "failed";
      nextAttemptAt: string | null;
      attemptNumber: number;
      responseStatus: number | null;
    }
  | {
      attempted: false;
      /** missing: deleted; settled: succeeded or failed; not-due: scheduled later; in-flight: leased; endpoint-inactive: waits for re-enable. */
      reason: "missing" | "settled" | "not-due" | "in-flight" | "endpoint-inactive";
      status: "pending" | "succeeded" | "failed" | null;
      nextAttemptAt: string | null;
    };

async function whyNotClaimed(ctx: DeliveryContext, deliveryId: string): Promise<AttemptStepResult> {
  const delivery = await ctx.db.delivery.findUnique({
    where: { id: deliveryId },
    select: { status: true, nextAttemptAt: true, leaseUntil: true, endpoint: { select: { active: true } } },
  });
  const base = { attempted: false as const, status: delivery?.status ?? null, nextAttemptAt: delivery?.nextAttemptAt?.toISOString() ?? null };
  if (!delivery) return { ...base, reason: "missing" };
  if (delivery.status !== "pending") return { ...base, reason: "settled" };
  if (!delivery.endpoint.active) return { ...base, reason: "endpoint-inactive" };
  const now = ctx.now();
  if (delivery.nextAttemptAt && delivery.nextAttemptAt > now) return { ...base, reason: "not-due" };
  return { ...base, reason: "in-flight" };
}

/** Attempts the delivery once (trigger "auto"; queued recoveries stay "manual") if it is owed an attempt. */
export async function attemptDelivery(ctx: DeliveryContext, deliveryId: string): Promise<AttemptStepResult> {
  if (!(await claimDelivery(ctx, deliveryId))) return whyNotClaimed(ctx, deliveryId);
  const [outcome] = await runDeliveries(ctx, [deliveryId], "auto");
  if (!outcome) return { attempted: false, reason: "missing", status: null, nextAttemptAt: null };
  return {
    attempted: true,
    status: outcome.decision.status,
    nextAttemptAt: outcome.decision.nextAttemptAt?.toISOString() ?? null,
    attemptNumber: outcome.attemptNumber,
    responseStatus: outcome.result.status,
  };
}
