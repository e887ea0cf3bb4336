import { listResponse, parseQuery, withApiKey } from "@/lib/api";
import { deliveryListQuery, listDeliveries, toDeliveryResource } from "@/lib/delivery";
import { getEndpoint } from "@/lib/webhooks";

export const GET = withApiKey<{ webhookId: string }>({ permission: "webhooks:read" }, async (req, { db, orgId, params }) => {
  const endpoint = await getEndpoint(db, orgId, params.webhookId);
  const query = parseQuery(req, deliveryListQuery);
  const page = await listDeliveries(db, orgId, { ...query, webhook_id: endpoint.id });
  return listResponse(page.items.map(toDeliveryResource), page.nextCursor);
});
