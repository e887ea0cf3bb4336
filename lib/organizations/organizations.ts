// Organizations own projects, endpoints and keys; users reach them through memberships.
import "server-only";
import { randomToken } from "@/lib/crypto";
import { isPublicId, newId, type Db, type Tx } from "@/lib/db";
import { toMemberResource } from "./members";
import type { Role } from "./roles";

export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "org";
}

export async function createOrganization(tx: Tx, input: { name: string; personal?: boolean }, ownerUserId: string) {
  const org = await tx.organization.create({
    data: {
      id: newId("org"),
      name: input.name,
      slug: `${slugify(input.name)}-${randomToken(4).toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 5)}`,
      personal: input.personal ?? false,
    },
  });
  await tx.membership.create({ data: { id: newId("mem"), organizationId: org.id, userId: ownerUserId, role: "owner" } });
  return org;
}

export async function listOrganizationsForUser(db: Db, userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    include: { organization: true },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map((m) => ({ id: m.organization.id, name: m.organization.name, role: m.role as Role }));
}

export async function getMembershipRole(db: Db, orgId: string, userId: string): Promise<Role | null> {
  if (!isPublicId(orgId)) return null;
  const membership = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId: orgId, userId } },
    select: { role: true },
  });
  return (membership?.role as Role | undefined) ?? null;
}

/** Every member of the organization, longest-standing first (the Members page). */
export async function listMembers(db: Db, orgId: string) {
  const rows = await db.membership.findMany({
    where: { organizationId: orgId },
    include: { user: { select: { email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => toMemberResource({ ...m, role: m.role as Role }));
}
