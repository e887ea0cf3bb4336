"use server";
// Dashboard actions of the Members page: invite (the link is shown once), revoke, change a
// role, remove. Owners only (`members:manage`); owners touching owners need `members:owners`,
// which only the owner role holds.
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { can, credentialConsequences, type Role } from "@/lib/auth";
import {
  appOrigin,
  changeMemberRole,
  createInvitation,
  invitationInput,
  memberRoleInput,
  removeMember,
  revokeInvitation,
  toInvitationResource,
  toMemberResource,
} from "@/lib/organizations";
import { idSchema } from "@/lib/validation";
import { orgAction, withRef } from "./guard";

const ownerAuthority = (role: Role) => ({ owners: can({ kind: "role", role }, "members:owners") });

export const createInvitationAction = orgAction("members:manage", invitationInput, async (input, { db, orgId, actor, role, user }) => {
  const { invitation, url, mail } = await createInvitation(db, orgId, input, actor, {
    authority: ownerAuthority(role),
    inviterUserId: user.id,
    origin: appOrigin(await headers()),
  });
  revalidatePath(`/orgs/${orgId}/members`);
  return { invitation: toInvitationResource(invitation), url, mail };
});

export const revokeInvitationAction = orgAction(
  "members:manage",
  z.object({ invitationId: idSchema }),
  async ({ invitationId }, { db, orgId, actor, role }) => {
    const invitation = await revokeInvitation(db, orgId, invitationId, actor, ownerAuthority(role));
    revalidatePath(`/orgs/${orgId}/members`);
    return toInvitationResource(invitation);
  },
);

export const changeMemberRoleAction = orgAction(
  "members:manage",
  withRef({ userId: idSchema }, memberRoleInput),
  async ({ userId, role: newRole }, { db, orgId, actor, role }) => {
    const member = await changeMemberRole(db, orgId, userId, newRole, actor, ownerAuthority(role), credentialConsequences);
    revalidatePath(`/orgs/${orgId}`, "layout");
    return toMemberResource(member);
  },
);

export const removeMemberAction = orgAction("members:manage", z.object({ userId: idSchema }), async ({ userId }, { db, orgId, actor, role }) => {
  const member = await removeMember(db, orgId, userId, actor, ownerAuthority(role), credentialConsequences);
  revalidatePath(`/orgs/${orgId}/members`);
  return toMemberResource(member);
});
