// Members and invitations fixtures: organizations with people in given roles, actors, tokens.
import type { Actor } from "@/lib/audit";
import type { Db } from "@/lib/db";

export const userActor = (user: { id: string; email: string }): Actor => ({ type: "user", id: user.id, label: user.email });

export { addMember } from "../helpers/db";

/** The token at the end of an invitation link. */
export const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

export async function auditActions(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.auditLog.findMany({ where: { organizationId: orgId }, orderBy: { id: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}
