import { handle, routes } from "@/lib/api";
import { deliveryContext, resendDelivery } from "@/lib/delivery";

export const POST = handle(routes.resendDelivery, async ({ db, orgId, actor, params }) => {
  return resendDelivery(deliveryContext(db), orgId, params.deliveryId, actor);
});
