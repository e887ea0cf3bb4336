import { handle, routes } from "@/lib/api";
import { createEndpoint, listEndpoints, webhookResourceFor, withHealth } from "@/lib/webhooks";

// Header values and the URL's secret parts are masked for keys without `webhooks:write`. Health
// comes from the hourly rollup, one query for the page.
export const GET = handle(routes.listWebhooks, async ({ db, orgId, grant, query }) => {
  const page = await listEndpoints(db, orgId, query, { projectId: query.project_id });
  return { data: await withHealth(db, page.items, webhookResourceFor(grant), new Date()), next_cursor: page.nextCursor };
});

export const POST = handle(routes.createWebhook, async ({ db, orgId, actor, grant, body }) => {
  return webhookResourceFor(grant)(await createEndpoint(db, orgId, body, actor));
});
