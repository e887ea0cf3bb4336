// Which deliveries need an attempt run: those of a newly published message, those an
// endpoint owes after a recovery or re-enable, and stranded ones (due for a while with no
// run working on them: an event that never reached Inngest, an endpoint enabled again).
import type { Db } from "@/lib/db";
import type { DeliveryContext } from "../context";
import type { AttemptRequest } from "./client";

const toRequest = (d: { id: string; endpointId: string }): AttemptRequest => ({ deliveryId: d.id, endpointId: d.endpointId });

/** The message's pending deliveries. */
export async function pendingDeliveriesOfMessage(db: Db, orgId: string, messageId: string): Promise<AttemptRequest[]> {
  const rows = await db.delivery.findMany({
    where: { organizationId: orgId, messageId, status: "pending" },
    select: { id: true, endpointId: true },
    orderBy: { id: "asc" },
  });
  return rows.map(toRequest);
}

/** The endpoint's pending deliveries that are due now (after a recovery, or once it is enabled again). */
export async function dueDeliveriesOfEndpoint(ctx: DeliveryContext, orgId: string, endpointId: string): Promise<AttemptRequest[]> {
  const rows = await ctx.db.delivery.findMany({
    where: { organizationId: orgId, endpointId, status: "pending", nextAttemptAt: { lte: ctx.now() } },
    select: { id: true, endpointId: true },
    orderBy: { nextAttemptAt: "asc" },
  });
  return rows.map(toRequest);
}

/**
 * Pending deliveries of active endpoints that have been due for longer than `graceMs` and
 * are not leased: no run is attempting them. Oldest first, at most `limit`.
 */
export async function strandedDeliveries(ctx: DeliveryContext, graceMs: number, limit: number) {
  const now = ctx.now();
  const rows = await ctx.db.delivery.findMany({
    where: {
      status: "pending",
      nextAttemptAt: { lte: new Date(now.getTime() - graceMs) },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      endpoint: { active: true },
    },
    select: { id: true, endpointId: true, attemptCount: true },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  return rows.map((d) => ({ ...toRequest(d), attemptCount: d.attemptCount }));
}
