import { handle, routes } from "@/lib/api";
import { can } from "@/lib/auth";
import { revokeInvitation, toInvitationResource } from "@/lib/organizations";

export const DELETE = handle(routes.revokeInvitation, async ({ db, orgId, actor, grant, params }) => {
  const invitation = await revokeInvitation(db, orgId, params.invitationId, actor, { owners: can(grant, "members:owners") });
  return { ...toInvitationResource(invitation), deleted: true as const };
});
