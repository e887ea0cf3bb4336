// Audit log (§1): who did what to which object, when and from where.
import type { Prisma } from "@/lib/db/generated/client";
import { newId, type Db } from "@/lib/db";
import { pageArgs, toPage, type PageQuery } from "@/lib/api/pagination";

/** Who performs an action. Every domain change takes one, and audits with it. */
export type Actor = {
  type: "user" | "api_key" | "system";
  id: string | null;
  label: string;
  ip?: string | null;
  userAgent?: string | null;
};

export const systemActor: Actor = { type: "system", id: null, label: "Control Center" };

export async function recordAudit(
  db: Db | Prisma.TransactionClient,
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
