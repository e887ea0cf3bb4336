import { handle, routes } from "@/lib/api";
import { deleteEndpoint, getEndpoint, updateEndpoint, webhookResourceFor, withHealth } from "@/lib/webhooks";

// Header values and the URL's secret parts are masked for keys without `webhooks:write`.
export const GET = handle(routes.getWebhook, async ({ db, orgId, grant, params }) => {
  const [webhook] = await withHealth(db, [await getEndpoint(db, orgId, params.webhookId)], webhookResourceFor(grant), new Date());
  return webhook;
});

export const PATCH = handle(routes.updateWebhook, async ({ db, orgId, actor, grant, params, body }) => {
  return webhookResourceFor(grant)(await updateEndpoint(db, orgId, params.webhookId, body, actor));
});

export const DELETE = handle(routes.deleteWebhook, async ({ db, orgId, actor, params }) => {
  const endpoint = await deleteEndpoint(db, orgId, params.webhookId, actor);
  return { id: endpoint.id, deleted: true as const };
});
