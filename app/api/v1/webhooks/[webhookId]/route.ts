import { json, parseBody, withApiKey } from "@/lib/api";
import { deleteEndpoint, getEndpoint, toWebhookResource, updateEndpoint, updateWebhookInput } from "@/lib/webhooks";

type Params = { webhookId: string };

export const GET = withApiKey<Params>({ permission: "webhooks:read" }, async (_req, { db, orgId, params }) => {
  return json(toWebhookResource(await getEndpoint(db, orgId, params.webhookId)));
});

export const PATCH = withApiKey<Params>({ permission: "webhooks:write" }, async (req, { db, orgId, actor, params }) => {
  const input = await parseBody(req, updateWebhookInput);
  return json(toWebhookResource(await updateEndpoint(db, orgId, params.webhookId, input, actor)));
});

export const DELETE = withApiKey<Params>({ permission: "webhooks:write" }, async (_req, { db, orgId, actor, params }) => {
  const endpoint = await deleteEndpoint(db, orgId, params.webhookId, actor);
  return json({ id: endpoint.id, deleted: true });
});
