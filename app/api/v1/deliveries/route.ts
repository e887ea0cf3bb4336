import { listResponse, parseQuery, withApiKey } from "@/lib/api";
import { deliveryListQuery, listDeliveries, toDeliveryResource } from "@/lib/delivery";

export const GET = withApiKey({ permission: "webhooks:read" }, async (req, { db, orgId }) => {
  const page = await listDeliveries(db, orgId, parseQuery(req, deliveryListQuery));
  return listResponse(page.items.map(toDeliveryResource), page.nextCursor);
});
