import { json, withApiKey } from "@/lib/api";
import { getDelivery, toDeliveryDetailResource } from "@/lib/delivery";

export const GET = withApiKey<{ deliveryId: string }>({ permission: "webhooks:read" }, async (_req, { db, orgId, params }) => {
  return json(toDeliveryDetailResource(await getDelivery(db, orgId, params.deliveryId)));
});
