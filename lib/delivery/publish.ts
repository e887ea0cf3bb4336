// Publishing (docs/delivery.md#publishing): an event becomes one message and, in the same transaction, one
// pending delivery per subscribed active endpoint. Once this returns, nothing is lost:
// the worker (or Inngest) picks the deliveries up even after a crash.
import { Prisma } from "@/lib/db/generated/client";
import { newId, writeTogether, type Db, type Tx } from "@/lib/db";
import { catalogEntry, isSubscribed, type EventType } from "@/lib/webhooks/event-catalog";
import { announceMessages } from "./engine";

export interface PublishInput {
  orgId: string;
  projectId?: string | null;
  type: EventType;
  data: Record<string, unknown>;
}

/** An active endpoint as publishing sees it: whose it is and what it subscribed to. */
export interface PublishTarget {
  id: string;
  organizationId: string;
  projectId: string | null;
  eventTypes: string[];
}

/**
 * A subquery: the active endpoints of `orgIds` as a JSON array of PublishTarget, for a caller
 * that reads them in a statement it makes anyway (createBuild takes the project's lock with it).
 */
export function publishTargetsJson(orgIds: string[]): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce(json_agg(json_build_object('id', e.id, 'organizationId', e."organizationId", 'projectId', e."projectId", 'eventTypes', e."eventTypes")), '[]'::json)
      FROM "Endpoint" e WHERE e."organizationId" = ANY(${orgIds}::text[]) AND e.active)`;
}

/** PublishTarget[] as a raw query returns publishTargetsJson: parsed JSON (or its text, on some adapters). */
export function publishTargetsFrom(value: unknown): PublishTarget[] {
  return (typeof value === "string" ? JSON.parse(value) : value) as PublishTarget[];
}

/**
 * Publishing as statement parts, for a caller that stores its events in the same statement as
 * the change they describe (lib/db writeTogether): the messages for `inputs`, checked against
 * the catalog, one pending delivery per subscribed endpoint among `targets`, and the two
 * INSERTs (… FROM unnest(arrays): no per-row parameters, whatever the batch's size).
 */
export function preparePublish(inputs: PublishInput[], targets: PublishTarget[], now: Date) {
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
  const deliveries: { id: string; organizationId: string; messageId: string; endpointId: string }[] = [];
  for (const message of messages) {
    for (const e of targets) {
      if (e.organizationId !== message.organizationId) continue;
      if (e.projectId !== null && e.projectId !== message.projectId) continue;
      if (!isSubscribed(e.eventTypes, message.type)) continue;
      deliveries.push({ id: newId("del", now.getTime()), organizationId: message.organizationId, messageId: message.id, endpointId: e.id });
    }
  }
  const at = now.toISOString();
  const parts =
    messages.length === 0
      ? []
      : [
          Prisma.sql`INSERT INTO "Message" ("id", "organizationId", "projectId", "type", "payload", "createdAt")
             SELECT v.id, v.org, v.project, v.type, v.payload::jsonb, ${at}::timestamp(3)
               FROM unnest(${messages.map((m) => m.id)}::text[], ${messages.map((m) => m.organizationId)}::text[], ${messages.map((m) => m.projectId)}::text[],
                           ${messages.map((m) => m.type)}::text[], ${messages.map((m) => JSON.stringify(m.payload))}::text[]) AS v(id, org, project, type, payload)`,
          ...(deliveries.length === 0
            ? []
            : [
                Prisma.sql`INSERT INTO "Delivery" ("id", "organizationId", "messageId", "endpointId", "nextAttemptAt", "createdAt", "updatedAt")
                   SELECT v.id, v.org, v.message, v.endpoint, ${at}::timestamp(3), ${at}::timestamp(3), ${at}::timestamp(3)
                     FROM unnest(${deliveries.map((d) => d.id)}::text[], ${deliveries.map((d) => d.organizationId)}::text[], ${deliveries.map((d) => d.messageId)}::text[],
                                 ${deliveries.map((d) => d.endpointId)}::text[]) AS v(id, org, message, endpoint)`,
              ]),
        ];
  // Each message says how many deliveries it has, so announcing skips the ones with none.
  const deliveriesOf = new Map<string, number>();
  for (const d of deliveries) deliveriesOf.set(d.messageId, (deliveriesOf.get(d.messageId) ?? 0) + 1);
  return { messages: messages.map((m) => ({ ...m, pendingDeliveries: deliveriesOf.get(m.id) ?? 0 })), deliveries: deliveries.length, parts };
}

/**
 * Stores the messages and their deliveries inside `tx` (the caller's transaction, if any, or
 * the database): one query for the subscribed endpoints and one statement that stores
 * everything, whatever the batch's size.
 */
export async function publishEventsIn(tx: Tx, inputs: PublishInput[], now = new Date()) {
  if (inputs.length === 0) return { messages: [], deliveries: 0 };
  const [row] = await tx.$queryRaw<{ targets: unknown }[]>(Prisma.sql`SELECT ${publishTargetsJson([...new Set(inputs.map((i) => i.orgId))])} AS targets`);
  const { messages, deliveries, parts } = preparePublish(inputs, publishTargetsFrom(row.targets), now);
  await writeTogether(tx, parts);
  return { messages, deliveries };
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
