// Publishing (§3.4): an event becomes one message and, in the same transaction, one
// pending delivery per subscribed active endpoint. Once this returns, nothing is lost:
// the worker (or Inngest) picks the deliveries up even after a crash.
import type { Prisma } from "@/lib/db/generated/client";
import { newId, type Db } from "@/lib/db";
import { catalogEntry, type EventType } from "@/lib/webhooks/event-catalog";
import { notifyDeliveriesDue } from "./wake";

export interface PublishInput {
  orgId: string;
  projectId?: string | null;
  type: EventType;
  data: Record<string, unknown>;
}

type Tx = Db | Prisma.TransactionClient;

/** Endpoints that receive `type` for this org/project: active, subscribed (none = all), in scope. */
export function subscribedEndpointsWhere(orgId: string, projectId: string | null | undefined, type: string): Prisma.EndpointWhereInput {
  return {
    organizationId: orgId,
    active: true,
    OR: [{ projectId: null }, ...(projectId ? [{ projectId }] : [])],
    AND: [{ OR: [{ eventTypes: { isEmpty: true } }, { eventTypes: { has: type } }] }],
  };
}

/** Stores the message and its deliveries inside `tx` (the caller's transaction, if any). */
export async function publishEventIn(tx: Tx, input: PublishInput, now = new Date()) {
  catalogEntry(input.type).schema.parse(input.data);
  const message = await tx.message.create({
    data: {
      id: newId("evt", now.getTime()),
      organizationId: input.orgId,
      projectId: input.projectId ?? null,
      type: input.type,
      payload: input.data as Prisma.InputJsonValue,
      createdAt: now,
    },
  });
  const endpoints = await tx.endpoint.findMany({
    where: subscribedEndpointsWhere(input.orgId, input.projectId, input.type),
    select: { id: true },
  });
  if (endpoints.length) {
    await tx.delivery.createMany({
      data: endpoints.map((e) => ({
        id: newId("del", now.getTime()),
        organizationId: input.orgId,
        messageId: message.id,
        endpointId: e.id,
        nextAttemptAt: now,
        createdAt: now,
      })),
    });
  }
  return { message, deliveries: endpoints.length };
}

/** Publishes one event in its own transaction and wakes the delivery engine. */
export async function publishEvent(db: Db, input: PublishInput, now = new Date()) {
  const result = await db.$transaction((tx) => publishEventIn(tx, input, now));
  if (result.deliveries) notifyDeliveriesDue();
  return result;
}
