import { handle, routes } from "@/lib/api";
import { can, credentialConsequences } from "@/lib/auth";
import { changeMemberRole, removeMember, toMemberResource } from "@/lib/organizations";

export const PATCH = handle(routes.updateMember, async ({ db, orgId, actor, grant, params, body }) => {
  const member = await changeMemberRole(db, orgId, params.userId, body.role, actor, { owners: can(grant, "members:owners") }, credentialConsequences);
  return toMemberResource(member);
});

export const DELETE = handle(routes.removeMember, async ({ db, orgId, actor, grant, params }) => {
  const member = await removeMember(db, orgId, params.userId, actor, { owners: can(grant, "members:owners") }, credentialConsequences);
  return { ...toMemberResource(member), deleted: true as const };
});
