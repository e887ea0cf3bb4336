import { json, listResponse, pageQuerySchema, parseBody, parseQuery, withApiKey } from "@/lib/api";
import { createEndpoint, createWebhookInput, listEndpoints, toWebhookResource, webhookListQuery } from "@/lib/webhooks";

export const GET = withApiKey({ permission: "webhooks:read" }, async (req, { db, orgId }) => {
  const query = parseQuery(req, pageQuerySchema.extend(webhookListQuery.shape));
  const page = await listEndpoints(db, orgId, query, { projectId: query.project_id });
  return listResponse(page.items.map(toWebhookResource), page.nextCursor);
});

export const POST = withApiKey({ permission: "webhooks:write" }, async (req, { db, orgId, actor }) => {
  const input = await parseBody(req, createWebhookInput);
  const endpoint = await createEndpoint(db, orgId, input, actor);
  return json(toWebhookResource(endpoint), { status: 201 });
});
