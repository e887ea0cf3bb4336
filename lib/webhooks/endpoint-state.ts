// An endpoint's state: active, disabled by a person, or disabled by the platform (410 Gone,
// or every delivery failing for 5 days), with the reason and who did it stored as data
// (docs/delivery.md#endpoint-state). The delivery engines report attempt results here; they
// publish `endpoint.disabled` for the endpoints this module disabled.
import "server-only";
import { recordAudit, systemActor } from "@/lib/audit";
import type { Prisma } from "@/lib/db/generated/client";
import type { Db, Tx } from "@/lib/db";

/** An endpoint that has failed continuously for this long is disabled. */
export const AUTO_DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;
export const AUTO_DISABLE_REASON = "Every delivery failed for 5 days.";
export const GONE_REASON = "The endpoint answered 410 Gone.";
export const DISABLED_BY_USER_REASON = "Disabled by a user.";

export type DisabledEndpoint = {
  id: string;
  organizationId: string;
  projectId: string | null;
  name: string;
  disabledReason: string | null;
  failingSince: Date | null;
};

/** The column changes of a person switching an endpoint on or off (nothing when it is already so). */
export function activeChange(current: { active: boolean }, active: boolean | undefined, now: Date): Prisma.EndpointUncheckedUpdateInput {
  // Enabling again clears why it was disabled and its failure streak.
  if (active === true && !current.active) return { active, disabledReason: null, disabledBy: null, disabledAt: null, failingSince: null };
  if (active === false && current.active) return { active, disabledReason: DISABLED_BY_USER_REASON, disabledBy: "user", disabledAt: now };
  return {};
}

/** The columns of an endpoint created inactive: a person chose that. */
export function initialState(active: boolean, now: Date) {
  return active ? { active } : { active, disabledReason: DISABLED_BY_USER_REASON, disabledBy: "user" as const, disabledAt: now };
}

/** Attempt results of one batch, by endpoint. */
export interface EndpointResults {
  succeeded: string[];
  failed: string[];
  /** Answered 410 Gone: the receiver asks to be removed. */
  gone: string[];
}

/**
 * Records a batch's results on its endpoints: a success ends the failure streak, a failure
 * starts one, 410 disables the endpoint, and a streak of 5 days disables it too. Returns the
 * endpoints this disabled.
 */
export async function recordEndpointResults(db: Db, results: EndpointResults, now: Date): Promise<DisabledEndpoint[]> {
  const { succeeded, failed, gone } = results;
  if (failed.length) {
    await db.endpoint.updateMany({ where: { id: { in: failed }, failingSince: null }, data: { failingSince: now } });
  }
  if (succeeded.length) {
    await db.endpoint.updateMany({ where: { id: { in: succeeded } }, data: { lastSuccessAt: now, failingSince: null } });
  }
  const disabled = gone.length ? await disableEndpoints(db, gone, GONE_REASON, now) : [];
  if (failed.length) disabled.push(...(await disableFailingEndpoints(db, now, failed)));
  return disabled;
}

/**
 * Disables every active endpoint failing for 5 days or more (of `among`, when given): the
 * sweep catches endpoints that get no new traffic, and so no failed attempt to notice it.
 */
export async function disableFailingEndpoints(db: Db, now: Date, among?: string[]): Promise<DisabledEndpoint[]> {
  const stale = await db.endpoint.findMany({
    where: {
      ...(among ? { id: { in: among } } : {}),
      active: true,
      failingSince: { lte: new Date(now.getTime() - AUTO_DISABLE_AFTER_MS) },
    },
    select: { id: true },
    orderBy: { failingSince: "asc" },
  });
  return stale.length ? disableEndpoints(db, stale.map((e) => e.id), AUTO_DISABLE_REASON, now) : [];
}

/** The platform disables endpoints (audited). Returns those that were active until now. */
async function disableEndpoints(db: Db, endpointIds: string[], reason: string, now: Date): Promise<DisabledEndpoint[]> {
  const disabled: DisabledEndpoint[] = [];
  for (const id of endpointIds) {
    const changed = await db.endpoint.updateManyAndReturn({
      where: { id, active: true },
      data: { active: false, disabledReason: reason, disabledBy: "system", disabledAt: now },
      select: { id: true, organizationId: true, projectId: true, name: true, disabledReason: true, failingSince: true },
    });
    if (!changed.length) continue;
    await recordAudit(db, changed[0].organizationId, systemActor, "endpoint.auto_disabled", { type: "endpoint", id }, { reason });
    disabled.push(changed[0]);
  }
  return disabled;
}

/**
 * The data of the `endpoint.disabled` event the organization receives. No URL: it may hold a
 * credential, and the other endpoints' receivers may not see it.
 */
export function endpointDisabledEventData(endpoint: DisabledEndpoint) {
  return {
    endpoint: {
      id: endpoint.id,
      name: endpoint.name,
      disabled_reason: endpoint.disabledReason ?? "",
      failing_since: endpoint.failingSince?.toISOString() ?? null,
    },
  };
}

/** Endpoints the platform disabled: the dashboard warns about them. */
export async function listAutoDisabledEndpoints(db: Tx, orgId: string) {
  return db.endpoint.findMany({
    where: { organizationId: orgId, active: false, disabledBy: "system" },
    select: { id: true, name: true, disabledReason: true, disabledAt: true },
    orderBy: { disabledAt: "desc" },
    take: 5,
  });
}
