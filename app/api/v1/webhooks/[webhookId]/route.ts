import { handle, routes } from "@/lib/api";
import { deleteEndpoint, getEndpoint, toWebhookResource, updateEndpoint } from "@/lib/webhooks";

export const GET = handle(routes.getWebhook, async ({ db, orgId, params }) => {
  return toWebhookResource(await getEndpoint(db, orgId, params.webhookId));
});

export const PATCH = handle(routes.updateWebhook, async ({ db, orgId, actor, params, body }) => {
  return toWebhookResource(await updateEndpoint(db, orgId, params.webhookId, body, actor));
});

export const DELETE = handle(routes.deleteWebhook, async ({ db, orgId, actor, params }) => {
  const endpoint = await deleteEndpoint(db, orgId, params.webhookId, actor);
  return { id: endpoint.id, deleted: true as const };
});
