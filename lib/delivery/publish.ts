// Publishing (docs/delivery.md#publishing): an event becomes one message and, in the same transaction, one
// pending delivery per subscribed active endpoint. Once this returns, nothing is lost:
// the worker (or Inngest) picks the deliveries up even after a crash.
import { Prisma } from "@/lib/db/generated/client";
import { always, jsonColumn, newId, writeTogether, writesAsCtes, type Db, type Tx } from "@/lib/db";
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
 * A subquery: the active endpoints of the organization `org` (an SQL expression: a parameter or
 * a column) as a JSON array of PublishTarget, for a caller that reads them in a statement it
 * makes anyway (createBuild takes the project's lock with it).
 */
export function publishTargetsJson(org: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce(json_agg(json_build_object('id', e.id, 'organizationId', e."organizationId", 'projectId', e."projectId", 'eventTypes', e."eventTypes")), '[]'::json)
      FROM "Endpoint" e WHERE e."organizationId" = ${org} AND e.active)`;
}

/** PublishTarget[] as a raw query returns publishTargetsJson. */
export function publishTargetsFrom(value: unknown): PublishTarget[] {
  return jsonColumn<PublishTarget[]>(value);
}

/**
 * Publishing as statement parts, for a caller that stores its events in the same statement as
 * the change they describe (lib/db writeTogether): the messages for `inputs`, checked against
 * the catalog, one pending delivery per subscribed endpoint among `targets`, and the two
 * INSERTs (… FROM unnest(arrays): no per-row parameters, whatever the batch's size), which
 * insert nothing unless `onlyIf` holds.
 */
export function preparePublish(inputs: PublishInput[], targets: PublishTarget[], now: Date, onlyIf: Prisma.Sql = always) {
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
                           ${messages.map((m) => m.type)}::text[], ${messages.map((m) => JSON.stringify(m.payload))}::text[]) AS v(id, org, project, type, payload)
              WHERE ${onlyIf}`,
          ...(deliveries.length === 0
            ? []
            : [
                Prisma.sql`INSERT INTO "Delivery" ("id", "organizationId", "messageId", "endpointId", "nextAttemptAt", "createdAt", "updatedAt")
                   SELECT v.id, v.org, v.message, v.endpoint, ${at}::timestamp(3), ${at}::timestamp(3), ${at}::timestamp(3)
                     FROM unnest(${deliveries.map((d) => d.id)}::text[], ${deliveries.map((d) => d.organizationId)}::text[], ${deliveries.map((d) => d.messageId)}::text[],
                                 ${deliveries.map((d) => d.endpointId)}::text[]) AS v(id, org, message, endpoint)
                    WHERE ${onlyIf}`,
              ]),
        ];
  // Each message says how many deliveries it has, so announcing skips the ones with none.
  const deliveriesOf = new Map<string, number>();
  for (const d of deliveries) deliveriesOf.set(d.messageId, (deliveriesOf.get(d.messageId) ?? 0) + 1);
  return { messages: messages.map((m) => ({ ...m, pendingDeliveries: deliveriesOf.get(m.id) ?? 0 })), deliveries: deliveries.length, parts };
}

/**
 * SQL: a fingerprint of what the active endpoints of the organization `org` (an SQL expression)
 * are subscribed to — which endpoints, their project, their event types — that changes whenever
 * publishing to it would fan out differently.
 */
const subscriptionsFingerprint = (org: Prisma.Sql) =>
  Prisma.sql`(SELECT coalesce(md5(string_agg(e.id || '/' || coalesce(e."projectId", '') || '/' || array_to_string(e."eventTypes", ','), ' ' ORDER BY e.id)), '')
      FROM "Endpoint" e WHERE e."organizationId" = ${org} AND e.active)`;

interface KnownTargets {
  fingerprint: string;
  targets: PublishTarget[];
}

/**
 * Each organization's publish targets as last read, with their fingerprint: publishing fans out
 * from these and checks the fingerprint in the statement that stores the event, so a change
 * made meanwhile (by any instance) is never missed, only costs a second read. Per process, for
 * the most recently published organizations.
 */
const knownTargets = new Map<string, KnownTargets>();
const KNOWN_ORGANIZATIONS = 1_000;

function remember(orgId: string, known: KnownTargets) {
  knownTargets.delete(orgId);
  knownTargets.set(orgId, known);
  if (knownTargets.size > KNOWN_ORGANIZATIONS) knownTargets.delete(knownTargets.keys().next().value!);
}

async function readTargets(tx: Tx, orgIds: string[]) {
  const rows = await tx.$queryRaw<{ org: string; fingerprint: string; targets: unknown }[]>(Prisma.sql`
    SELECT x.org, ${subscriptionsFingerprint(Prisma.raw("x.org"))} AS fingerprint, ${publishTargetsJson(Prisma.raw("x.org"))} AS targets
      FROM unnest(${orgIds}::text[]) AS x(org)`);
  for (const row of rows) remember(row.org, { fingerprint: row.fingerprint, targets: publishTargetsFrom(row.targets) });
  return rows.flatMap((row) => publishTargetsFrom(row.targets));
}

/**
 * The organization's publish targets with their fingerprint, for a statement that stores events
 * only if publishTargetsHold: as this process last read them, or read now.
 */
export async function knownPublishTargets(tx: Tx, orgId: string): Promise<KnownTargets> {
  const known = knownTargets.get(orgId);
  if (known) return known;
  await readTargets(tx, [orgId]);
  return knownTargets.get(orgId)!;
}

/** SQL: whether the active endpoints of the organization `org` (an SQL expression) still have `fingerprint`. */
export function publishTargetsHold(org: Prisma.Sql, fingerprint: string): Prisma.Sql {
  return Prisma.sql`(${subscriptionsFingerprint(org)} = ${fingerprint})`;
}

/** Drops what this process knows of the organization's targets (they changed): the next publish reads them. */
export function forgetPublishTargets(orgId: string) {
  knownTargets.delete(orgId);
}

/**
 * Stores the messages and their deliveries inside `tx` (the caller's transaction, if any, or
 * the database). Usually one statement: the deliveries fan out from the organizations' known
 * targets, stored only if their fingerprint still holds; otherwise the targets are read again
 * and the event stored by a second statement.
 */
export async function publishEventsIn(tx: Tx, inputs: PublishInput[], now = new Date()) {
  if (inputs.length === 0) return { messages: [], deliveries: 0 };
  const orgIds = [...new Set(inputs.map((i) => i.orgId))];
  const known = orgIds.map((org) => knownTargets.get(org));
  if (known.every((k) => k !== undefined)) {
    const { messages, deliveries, parts } = preparePublish(inputs, known.flatMap((k) => k.targets), now, Prisma.sql`(SELECT ok FROM current)`);
    const [{ ok }] = await tx.$queryRaw<{ ok: boolean }[]>(Prisma.sql`
      WITH current AS (
        SELECT bool_and(x.fingerprint = ${subscriptionsFingerprint(Prisma.raw("x.org"))}) AS ok
          FROM unnest(${orgIds}::text[], ${known.map((k) => k.fingerprint)}::text[]) AS x(org, fingerprint)),
      ${writesAsCtes(parts)}
      SELECT ok FROM current`);
    if (ok) return { messages, deliveries };
  }
  const { messages, deliveries, parts } = preparePublish(inputs, await readTargets(tx, orgIds), now);
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
