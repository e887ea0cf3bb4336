// Members and invitations fixtures: organizations with people in given roles, actors, tokens.
import type { Actor } from "@/lib/audit";
import { newId, type Db } from "@/lib/db";
import type { Role } from "@/lib/organizations";
import { createOrgWithUser } from "../helpers/db";

export const userActor = (user: { id: string; email: string }): Actor => ({ type: "user", id: user.id, label: user.email });

/** A user (with their own organization) added to `orgId` as `role`. */
export async function addMember(db: Db, orgId: string, role: Role) {
  const { user } = await createOrgWithUser(db, "owner");
  await db.membership.create({ data: { id: newId("mem"), organizationId: orgId, userId: user.id, role } });
  return user;
}

/** The token at the end of an invitation link. */
export const tokenOf = (url: string) => new URL(url).pathname.split("/").pop()!;

export async function auditActions(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.auditLog.findMany({ where: { organizationId: orgId }, orderBy: { id: "asc" }, select: { action: true } });
  return rows.map((r) => r.action);
}
