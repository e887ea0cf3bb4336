import { handle, routes } from "@/lib/api";
import { can } from "@/lib/auth";
import { appOrigin, createInvitation, listPendingInvitations, toInvitationResource } from "@/lib/organizations";

export const GET = handle(routes.listInvitations, async ({ db, orgId, query }) => {
  const page = await listPendingInvitations(db, orgId, query);
  return { data: page.items.map((invitation) => toInvitationResource(invitation)), next_cursor: page.nextCursor };
});

export const POST = handle(routes.createInvitation, async ({ req, db, orgId, actor, grant, key, body }) => {
  const { invitation, url, mail } = await createInvitation(db, orgId, body, actor, {
    authority: { owners: can(grant, "members:owners") },
    inviterUserId: key.holder.userId,
    origin: appOrigin(req.headers, req.url),
  });
  // The only response that ever carries the link.
  return { ...toInvitationResource(invitation), url, mail_status: mail.status, mail_error: mail.error };
});
