import { handle, routes } from "@/lib/api";
import { listDeliveries, toDeliveryResource } from "@/lib/delivery";
import { getEndpoint } from "@/lib/webhooks";

export const GET = handle(routes.listWebhookDeliveries, async ({ db, orgId, params, query }) => {
  const endpoint = await getEndpoint(db, orgId, params.webhookId);
  const page = await listDeliveries(db, orgId, { ...query, webhook_id: endpoint.id });
  return { data: page.items.map(toDeliveryResource), next_cursor: page.nextCursor };
});
