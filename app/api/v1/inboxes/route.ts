import { handle, routes } from "@/lib/api";
import { appOrigin } from "@/lib/organizations";
import { createInbox, listInboxes, toInboxResource } from "@/lib/webhooks";

export const GET = handle(routes.listInboxes, async ({ db, orgId, query }) => {
  const page = await listInboxes(db, orgId, query);
  return { data: page.items.map(toInboxResource), next_cursor: page.nextCursor };
});

// The inbox's URL starts with this app's public origin: APP_URL, else the origin the request came to.
export const POST = handle(routes.createInbox, async ({ req, db, orgId, actor, body }) => {
  return toInboxResource(await createInbox(db, orgId, body, appOrigin(req.headers, req.url), actor));
});
