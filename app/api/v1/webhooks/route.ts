import { handle, routes } from "@/lib/api";
import { createEndpoint, listEndpoints, toWebhookResource } from "@/lib/webhooks";

export const GET = handle(routes.listWebhooks, async ({ db, orgId, query }) => {
  const page = await listEndpoints(db, orgId, query, { projectId: query.project_id });
  return { data: page.items.map(toWebhookResource), next_cursor: page.nextCursor };
});

export const POST = handle(routes.createWebhook, async ({ db, orgId, actor, body }) => {
  return toWebhookResource(await createEndpoint(db, orgId, body, actor));
});
