// Audit log (docs/security.md#audit-log): who did what to which object, when and from where.
import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { newId, type Db, type Tx } from "@/lib/db";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";

/** Who performs an action. Every domain change takes one, and audits with it. */
export type Actor = {
  type: "user" | "api_key" | "system";
  id: string | null;
  label: string;
  ip?: string | null;
  userAgent?: string | null;
};

export const systemActor: Actor = { type: "system", id: null, label: "Control Center" };

/** Where a request came from, as the audit log records it: the client's address and user agent. */
export function requestOrigin(headers: Headers): { ip: string | null; userAgent: string | null } {
  return {
    ip: headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || null,
    userAgent: headers.get("user-agent"),
  };
}

export async function recordAudit(
  db: Tx,
  orgId: string,
  actor: Actor,
  action: string,
  target: { type: string; id?: string | null },
  metadata: Record<string, unknown> = {},
) {
  await db.auditLog.create({
    data: {
      id: newId("aud"),
      organizationId: orgId,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action,
      targetType: target.type,
      targetId: target.id ?? null,
      metadata: metadata as Prisma.InputJsonValue,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent ?? null,
    },
  });
}

export async function listAuditLog(db: Db, orgId: string, page: PageQuery) {
  const args = pageArgs(page);
  const rows = await db.auditLog.findMany({ ...args, where: { ...args.where, organizationId: orgId } });
  return toPage(rows, page);
}
