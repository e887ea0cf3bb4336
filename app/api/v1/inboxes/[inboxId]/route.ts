import { handle, routes } from "@/lib/api";
import { deleteInbox, getInbox, toInboxResource } from "@/lib/webhooks";

export const GET = handle(routes.getInbox, async ({ db, orgId, params }) => {
  return toInboxResource(await getInbox(db, orgId, params.inboxId));
});

export const DELETE = handle(routes.deleteInbox, async ({ db, orgId, actor, params }) => {
  const inbox = await deleteInbox(db, orgId, params.inboxId, actor);
  return { id: inbox.id, deleted: true as const };
});
