// A member's credentials follow their membership (docs/security.md#credentials-after-a-change).
// When a member's role changes, or they are removed or leave, in the same transaction:
// - their API keys in the organization are narrowed to the scopes the new role holds, or
//   revoked when none is left or the member is gone;
// - their pending invitations are revoked unless they may still invite (owners);
// - a role change or a removal ends every session of theirs (the user's session version).
// Each key and invitation touched is audited with the change's actor.
import "server-only";
import type { Tx } from "@/lib/db";
import { revokePendingInvitations, type AuditEntry, type MembershipConsequences } from "@/lib/organizations";
import { narrowScopes, type Role } from "./permissions";
import { endSessions } from "./sessions";

async function narrowOrRevokeKeys(tx: Tx, orgId: string, userId: string, role: Role | null, reason: string, now: Date) {
  const keys = await tx.apiKey.findMany({ where: { organizationId: orgId, createdById: userId, revokedAt: null }, select: { id: true, name: true, scopes: true } });
  const entries: AuditEntry[] = [];
  for (const key of keys) {
    const scopes = role ? narrowScopes(key.scopes, role) : [];
    if (scopes.length === 0) {
      await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now } });
      entries.push({ action: "api_key.revoked", target: { type: "api_key", id: key.id }, metadata: { name: key.name, reason } });
    } else if (scopes.length !== key.scopes.length || scopes.some((s, i) => s !== key.scopes[i])) {
      await tx.apiKey.update({ where: { id: key.id }, data: { scopes } });
      entries.push({ action: "api_key.narrowed", target: { type: "api_key", id: key.id }, metadata: { name: key.name, from: key.scopes, to: scopes, reason } });
    }
  }
  return entries;
}

/** What a membership change does to the member's keys, invitations and sessions. */
export const credentialConsequences: MembershipConsequences = async (tx, orgId, change, now) => {
  const entries = await narrowOrRevokeKeys(tx, orgId, change.userId, change.to, change.reason, now);
  if (change.to !== "owner") {
    for (const invitation of await revokePendingInvitations(tx, orgId, { inviterUserId: change.userId }, now)) {
      entries.push({
        action: "invitation.revoked",
        target: { type: "invitation", id: invitation.id },
        metadata: { email: invitation.email, role: invitation.role, reason: change.reason },
      });
    }
  }
  if (change.reason !== "member.left") await endSessions(tx, change.userId);
  return entries;
};
