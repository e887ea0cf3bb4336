// Reading the audit log (docs/security.md#audit-log): one organization's entries, newest
// first, filtered by actor, action (exact or prefix), resource and time. Every filter has its
// index (prisma/schema.prisma, AuditLog), each ending in id, so a page is read in order from it.
import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { newId, type Db } from "@/lib/db";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";
import { actionPrefixOf, type AuditListQuery } from "./schemas";

/** The first word of an action ("endpoint" of "endpoint.secret_revealed"), stored as actionGroup. */
export function actionGroupOf(action: string): string {
  return action.split(".", 1)[0];
}

/** The smallest audit id at `time`: ids are "aud_" + a ULID, whose first 10 characters are the time. */
function idFloor(time: Date): string {
  return `${newId("aud", time.getTime()).slice(0, "aud_".length + 10)}${"0".repeat(16)}`;
}

function actionWhere(filter: string): Prisma.AuditLogWhereInput {
  const prefix = actionPrefixOf(filter);
  if (prefix === null) return { action: filter };
  // The group narrows through its index; the prefix (which may be deeper) checks the rest.
  // startsWith is LIKE 'prefix%': an underscore in an action is a character, not a wildcard.
  return { actionGroup: actionGroupOf(prefix), action: { startsWith: prefix.replaceAll("_", "\\_") } };
}

/** The filters of a page of the log, as parsed by auditListQuery; each one given narrows it (AND). */
type AuditFilters = Partial<Pick<AuditListQuery, "actor" | "action" | "resource_id" | "since" | "until">>;

export async function listAuditLog(db: Db, orgId: string, query: PageQuery & AuditFilters) {
  const args = pageArgs(query);
  const and: Prisma.AuditLogWhereInput[] = [args.where];
  if (query.actor === "system") and.push({ actorType: "system", actorId: null });
  else if (query.actor) and.push({ actorId: query.actor });
  if (query.action) and.push(actionWhere(query.action));
  if (query.resource_id) and.push({ targetId: query.resource_id });
  // Time bounds are id bounds too (an entry's id carries its creation time), so the index
  // range starts and stops there instead of filtering every row.
  if (query.since) {
    const since = new Date(query.since);
    and.push({ id: { gte: idFloor(since) } }, { createdAt: { gte: since } });
  }
  if (query.until) {
    const until = new Date(query.until);
    and.push({ id: { lt: idFloor(until) } }, { createdAt: { lt: until } });
  }
  const rows = await db.auditLog.findMany({ ...args, where: { organizationId: orgId, AND: and } });
  return toPage(rows, query);
}

export type AuditRow = Awaited<ReturnType<typeof listAuditLog>>["items"][number];

/** At most this many distinct actions and actors are offered to the filter bar. */
const MAX_OPTIONS = 500;

/**
 * What the dashboard's filter bar offers: the actions recorded in the organization, and the
 * people and keys that acted (each with the label of its latest entry, latest first). Both are
 * loose index scans — one index probe per distinct value, not a pass over every entry — on the
 * (organizationId, action, id) and (organizationId, actorId, id) indexes.
 */
export async function auditFilterOptions(db: Db, orgId: string) {
  const [actions, actors] = await Promise.all([
    db.$queryRaw<{ action: string }[]>`
      WITH RECURSIVE seen(action, n) AS (
        (SELECT action, 1 FROM "AuditLog" WHERE "organizationId" = ${orgId} ORDER BY action LIMIT 1)
        UNION ALL
        SELECT (SELECT a.action FROM "AuditLog" a WHERE a."organizationId" = ${orgId} AND a.action > seen.action ORDER BY a.action LIMIT 1), n + 1
        FROM seen WHERE seen.action IS NOT NULL AND n < ${MAX_OPTIONS}
      )
      SELECT action FROM seen WHERE action IS NOT NULL ORDER BY action`,
    db.$queryRaw<{ type: string; id: string; label: string }[]>`
      WITH RECURSIVE seen(actor, n) AS (
        (SELECT "actorId", 1 FROM "AuditLog" WHERE "organizationId" = ${orgId} AND "actorId" IS NOT NULL ORDER BY "actorId" LIMIT 1)
        UNION ALL
        SELECT (SELECT a."actorId" FROM "AuditLog" a WHERE a."organizationId" = ${orgId} AND a."actorId" > seen.actor ORDER BY a."actorId" LIMIT 1), n + 1
        FROM seen WHERE seen.actor IS NOT NULL AND n < ${MAX_OPTIONS}
      )
      SELECT latest."actorType" AS type, latest."actorId" AS id, latest."actorLabel" AS label
      FROM seen CROSS JOIN LATERAL (
        SELECT l."actorType", l."actorId", l."actorLabel", l.id FROM "AuditLog" l
        WHERE l."organizationId" = ${orgId} AND l."actorId" = seen.actor ORDER BY l.id DESC LIMIT 1
      ) latest
      WHERE seen.actor IS NOT NULL
      ORDER BY latest.id DESC`,
  ]);
  return {
    actions: actions.map((a) => a.action),
    actors: actors.map((a) => ({ type: a.type as "user" | "api_key", id: a.id, label: a.label })),
  };
}
