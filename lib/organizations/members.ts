// Members of an organization: list, change a role, remove, leave. Two rules live here
// (docs/security.md#members-and-invitations):
// - the last owner can neither be demoted, nor removed, nor leave: every change that takes an
//   owner away runs with the organization's row locked, so two owners demoting each other at
//   once cannot leave it without one;
// - only an owner's authority (`owners: true`, from the permission `members:owners`) makes,
//   demotes or removes owners; API keys with `admin` manage everyone else;
// - a member's credentials follow the membership: every change runs `consequences` (lib/auth's
//   credential rules: keys narrowed or revoked, invitations withdrawn, sessions ended) in the
//   same transaction, and audits what it did.
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import { isPublicId, type Db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";
import type { Role } from "./roles";
import type { MemberResource } from "./schemas";

/** What the caller's permission allows beyond `members:manage`: touching owners (`members:owners`). */
export type MemberAuthority = { owners: boolean };

/** A change of one member's role; `to` is null when they leave or are removed. */
export type MembershipChange = { userId: string; from: Role; to: Role | null; reason: "member.role_changed" | "member.removed" | "member.left" };
/** An audit entry a consequence asks for, recorded after the change with the change's actor. */
export type AuditEntry = { action: string; target: { type: string; id: string }; metadata: Record<string, unknown> };
/** What else a membership change does, in its transaction (lib/auth `credentialConsequences`). */
export type MembershipConsequences = (tx: Tx, orgId: string, change: MembershipChange, now: Date) => Promise<AuditEntry[]>;

async function auditAll(db: Db, orgId: string, actor: Actor, entries: AuditEntry[]) {
  for (const entry of entries) await recordAudit(db, orgId, actor, entry.action, entry.target, entry.metadata);
}

export const OWNERS_ONLY = "Only owners can make, demote or remove owners, or invite owners; API keys never can.";

type MemberRow = { userId: string; role: Role; createdAt: Date; user: { email: string; name: string | null } };

export function toMemberResource(m: MemberRow): MemberResource {
  return { user_id: m.userId, email: m.user.email, name: m.user.name, role: m.role, joined_at: m.createdAt.toISOString() };
}

const withUser = { user: { select: { email: true, name: true } } } as const;

/** One page of the organization's members, newest first (the API's list). */
export async function listMembersPage(db: Db, orgId: string, page: PageQuery) {
  const args = pageArgs(page);
  const rows = await db.membership.findMany({ ...args, where: { ...args.where, organizationId: orgId }, include: withUser });
  return toPage(rows as (MemberRow & { id: string })[], page);
}

/**
 * Locks the organization's row until the transaction ends: every change that could take away
 * an owner (role changes, removals, leaving) or add members runs one at a time per organization.
 */
export async function lockOrganization(tx: Prisma.TransactionClient, orgId: string): Promise<{ id: string; name: string }> {
  const rows = await tx.$queryRaw<{ id: string; name: string }[]>`SELECT id, name FROM "Organization" WHERE id = ${orgId} FOR UPDATE`;
  if (!rows[0]) throw new NotFoundError("Organization", orgId);
  return rows[0];
}

async function findMember(tx: Tx, orgId: string, userId: string): Promise<MemberRow> {
  const member = isPublicId(userId)
    ? await tx.membership.findFirst({ where: { organizationId: orgId, userId }, include: withUser })
    : null;
  if (!member) throw new NotFoundError("Member", userId);
  return member as MemberRow;
}

async function otherOwners(tx: Tx, orgId: string, userId: string): Promise<number> {
  return tx.membership.count({ where: { organizationId: orgId, role: "owner", userId: { not: userId } } });
}

function refuseOwnerChange(authority: MemberAuthority, ...roles: Role[]) {
  if (!authority.owners && roles.includes("owner")) throw new ForbiddenError(OWNERS_ONLY);
}

/** Sets a member's role. Refused for the last owner, and for owners (either side) without owner authority. */
export async function changeMemberRole(
  db: Db,
  orgId: string,
  userId: string,
  role: Role,
  actor: Actor,
  authority: MemberAuthority,
  consequences: MembershipConsequences,
) {
  const now = new Date();
  const { before, after, entries } = await db.$transaction(async (tx) => {
    const org = await lockOrganization(tx, orgId);
    const member = await findMember(tx, orgId, userId);
    if (member.role === role) return { before: member, after: member, entries: [] };
    refuseOwnerChange(authority, member.role, role);
    if (member.role === "owner" && (await otherOwners(tx, orgId, userId)) === 0) {
      throw new ConflictError(`${member.user.email} is the last owner of ${org.name} and cannot be demoted. Make another member an owner first.`);
    }
    const updated = await tx.membership.update({
      where: { organizationId_userId: { organizationId: orgId, userId } },
      data: { role },
      include: withUser,
    });
    const entries = await consequences(tx, orgId, { userId, from: member.role, to: role, reason: "member.role_changed" }, now);
    return { before: member, after: updated as MemberRow, entries };
  });
  if (before.role !== after.role) {
    await recordAudit(db, orgId, actor, "member.role_changed", { type: "member", id: userId }, {
      email: after.user.email,
      from: before.role,
      to: after.role,
    });
  }
  await auditAll(db, orgId, actor, entries);
  return after;
}

/** Removes a member. Refused for the last owner, and for owners without owner authority. */
export async function removeMember(db: Db, orgId: string, userId: string, actor: Actor, authority: MemberAuthority, consequences: MembershipConsequences) {
  const now = new Date();
  const { member, entries } = await db.$transaction(async (tx) => {
    const org = await lockOrganization(tx, orgId);
    const member = await findMember(tx, orgId, userId);
    refuseOwnerChange(authority, member.role);
    if (member.role === "owner" && (await otherOwners(tx, orgId, userId)) === 0) {
      throw new ConflictError(`${member.user.email} is the last owner of ${org.name} and cannot be removed. Make another member an owner first.`);
    }
    await tx.membership.delete({ where: { organizationId_userId: { organizationId: orgId, userId } } });
    const entries = await consequences(tx, orgId, { userId, from: member.role, to: null, reason: "member.removed" }, now);
    return { member, entries };
  });
  await recordAudit(db, orgId, actor, "member.removed", { type: "member", id: userId }, { email: member.user.email, role: member.role });
  await auditAll(db, orgId, actor, entries);
  return member;
}

/** The signed-in user leaves the organization; the last owner cannot. */
export async function leaveOrganization(db: Db, orgId: string, userId: string, actor: Actor, consequences: MembershipConsequences) {
  const now = new Date();
  const { member, entries } = await db.$transaction(async (tx) => {
    const org = await lockOrganization(tx, orgId);
    const member = await findMember(tx, orgId, userId);
    if (member.role === "owner" && (await otherOwners(tx, orgId, userId)) === 0) {
      throw new ConflictError(
        `You are the last owner of ${org.name} and cannot leave. Make another member an owner first, or delete the organization.`,
      );
    }
    await tx.membership.delete({ where: { organizationId_userId: { organizationId: orgId, userId } } });
    const entries = await consequences(tx, orgId, { userId, from: member.role, to: null, reason: "member.left" }, now);
    return { member, entries };
  });
  await recordAudit(db, orgId, actor, "member.left", { type: "member", id: userId }, { email: member.user.email, role: member.role });
  await auditAll(db, orgId, actor, entries);
  return member;
}
