// Which deliveries need an attempt run: those of a newly published message, and those an
// endpoint owes after a recovery. (Stranded ones are found by ../claim.ts.)
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
