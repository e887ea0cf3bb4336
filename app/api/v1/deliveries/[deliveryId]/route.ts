import { handle, routes } from "@/lib/api";
import { getDelivery, toDeliveryDetailResource } from "@/lib/delivery";

export const GET = handle(routes.getDelivery, async ({ db, orgId, params }) => {
  return toDeliveryDetailResource(await getDelivery(db, orgId, params.deliveryId));
});
