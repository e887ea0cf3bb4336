// Audit log (docs/security.md#audit-log): who did what to which object, when and from where.
import "server-only";
import { isIP } from "node:net";
import { config } from "@/lib/config";
import type { Prisma } from "@/lib/db/generated/client";
import { newId, type Tx } from "@/lib/db";
import { trustedForwardedEntry } from "./forwarded";
import { actionGroupOf } from "./log";
import { redactSecrets } from "./redact";

export { trustedForwardedEntry } from "./forwarded";
export { auditFilterOptions, listAuditLog } from "./log";
export { toAuditEntryResource } from "./resource";
export { auditEntryResource, auditListQuery, type AuditEntryResource } from "./schemas";

/** Who performs an action. Every domain change takes one, and audits with it. */
export type Actor = {
  type: "user" | "api_key" | "system";
  id: string | null;
  label: string;
  ip?: string | null;
  userAgent?: string | null;
};

export const systemActor: Actor = { type: "system", id: null, label: "Control Center" };

/**
 * Where a request came from, as the audit log (and the sign-in throttle) records it: the client's
 * address and user agent. The address is the X-Forwarded-For entry `trustedProxies` hops from the
 * right (each trusted proxy appends the address that connected to it); everything left of it was
 * written by the client and is ignored. With no trusted proxy (the default) no header can be
 * believed and Next.js does not hand route handlers the socket's address, so the address is null.
 * X-Real-IP is never read. docs/security.md#audit-log.
 */
export function requestOrigin(
  headers: Headers,
  trustedProxies: number = config().trustedProxies,
): { ip: string | null; userAgent: string | null } {
  return { ip: forwardedClientAddress(headers.get("x-forwarded-for"), trustedProxies), userAgent: headers.get("user-agent") };
}

function forwardedClientAddress(forwardedFor: string | null, trustedProxies: number): string | null {
  const entry = trustedForwardedEntry(forwardedFor, trustedProxies);
  return entry === null ? null : plainAddress(entry);
}

/** An IP address as a proxy may write it ("203.0.113.7", "203.0.113.7:5120", "[2001:db8::1]:443"); null if it is none. */
function plainAddress(value: string): string | null {
  const candidate = /^\[([^\]]+)\](?::\d+)?$/.exec(value)?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value)?.[1] ?? value;
  return isIP(candidate) ? candidate.toLowerCase() : null;
}

export async function recordAudit(
  db: Tx,
  orgId: string,
  actor: Actor,
  action: string,
  target: { type: string; id?: string | null },
  metadata: Record<string, unknown> = {},
) {
  // The id's time and createdAt are one instant: the log's time filters are id ranges (./log.ts).
  const now = Date.now();
  await db.auditLog.create({
    data: {
      id: newId("aud", now),
      organizationId: orgId,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action,
      actionGroup: actionGroupOf(action),
      targetType: target.type,
      targetId: target.id ?? null,
      metadata: redactSecrets(metadata) as Prisma.InputJsonValue,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
      createdAt: new Date(now),
    },
  });
}
