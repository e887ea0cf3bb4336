// Publishing (docs/delivery.md#publishing): an event becomes one message and, in the same transaction, one
// pending delivery per subscribed active endpoint. Once this returns, nothing is lost:
// the worker (or Inngest) picks the deliveries up even after a crash.
import type { Prisma } from "@/lib/db/generated/client";
import { newId, type Db, type Tx } from "@/lib/db";
import { catalogEntry, isSubscribed, type EventType } from "@/lib/webhooks/event-catalog";
import { announceMessages } from "./engine";

export interface PublishInput {
  orgId: string;
  projectId?: string | null;
  type: EventType;
  data: Record<string, unknown>;
}

/**
 * Stores the messages and their deliveries inside `tx` (the caller's transaction, if any, or
 * the database): one query for the subscribed endpoints and one statement that stores
 * everything, whatever the batch's size.
 */
export async function publishEventsIn(tx: Tx, inputs: PublishInput[], now = new Date()) {
  if (inputs.length === 0) return { messages: [], deliveries: 0 };
  const messages = inputs.map((input) => {
    catalogEntry(input.type).schema.parse(input.data);
    return {
      id: newId("evt", now.getTime()),
      organizationId: input.orgId,
      projectId: input.projectId ?? null,
      type: input.type,
      payload: input.data as Prisma.InputJsonValue,
      createdAt: now,
    };
  });
  // Raw: this runs for every event published, and the query builder's own cost was a third of it.
  const endpoints = await tx.$queryRawUnsafe<{ id: string; organizationId: string; projectId: string | null; eventTypes: string[] }[]>(
    `SELECT id, "organizationId", "projectId", "eventTypes" FROM "Endpoint" WHERE "organizationId" = ANY($1::text[]) AND active`,
    [...new Set(inputs.map((i) => i.orgId))],
  );
  const deliveries: Prisma.DeliveryCreateManyInput[] = [];
  for (const message of messages) {
    for (const e of endpoints) {
      if (e.organizationId !== message.organizationId) continue;
      if (e.projectId !== null && e.projectId !== message.projectId) continue;
      if (!isSubscribed(e.eventTypes, message.type)) continue;
      deliveries.push({
        id: newId("del", now.getTime()),
        organizationId: message.organizationId,
        messageId: message.id,
        endpointId: e.id,
        nextAttemptAt: now,
        createdAt: now,
      });
    }
  }
  // The messages and their deliveries in one statement (INSERT … FROM unnest(arrays), the
  // messages in a CTE): atomic without a transaction of its own, and no per-row parameter building.
  await tx.$executeRawUnsafe(
    `WITH stored AS (
       INSERT INTO "Message" ("id", "organizationId", "projectId", "type", "payload", "createdAt")
       SELECT v.id, v.org, v.project, v.type, v.payload::jsonb, $6::timestamp(3)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(id, org, project, type, payload)
     )
     INSERT INTO "Delivery" ("id", "organizationId", "messageId", "endpointId", "nextAttemptAt", "createdAt", "updatedAt")
     SELECT v.id, v.org, v.message, v.endpoint, $6::timestamp(3), $6::timestamp(3), $6::timestamp(3)
       FROM unnest($7::text[], $8::text[], $9::text[], $10::text[]) AS v(id, org, message, endpoint)`,
    messages.map((m) => m.id),
    messages.map((m) => m.organizationId),
    messages.map((m) => m.projectId),
    messages.map((m) => m.type),
    messages.map((m) => JSON.stringify(m.payload)),
    now.toISOString(),
    deliveries.map((d) => d.id),
    deliveries.map((d) => d.organizationId),
    deliveries.map((d) => d.messageId),
    deliveries.map((d) => d.endpointId),
  );
  // Each message says how many deliveries it has, so announcing skips the ones with none.
  const deliveriesOf = new Map<string, number>();
  for (const d of deliveries) deliveriesOf.set(d.messageId, (deliveriesOf.get(d.messageId) ?? 0) + 1);
  return { messages: messages.map((m) => ({ ...m, pendingDeliveries: deliveriesOf.get(m.id) ?? 0 })), deliveries: deliveries.length };
}

/** Stores one message and its deliveries inside `tx`. */
export async function publishEventIn(tx: Tx, input: PublishInput, now = new Date()) {
  const { messages, deliveries } = await publishEventsIn(tx, [input], now);
  return { message: messages[0], deliveries };
}

/** Publishes one event (stored by one statement: no transaction needed) and tells the delivery engine. */
export async function publishEvent(db: Db, input: PublishInput, now = new Date()) {
  const result = await publishEventIn(db, input, now);
  if (result.deliveries) await announceMessages([result.message]);
  return result;
}
