import { json, withApiKey } from "@/lib/api";
import { deliveryContext, resendDelivery } from "@/lib/delivery";

export const POST = withApiKey<{ deliveryId: string }>({ permission: "deliveries:write" }, async (_req, { db, orgId, actor, params }) => {
  return json(await resendDelivery(deliveryContext(db), orgId, params.deliveryId, actor), { status: 202 });
});
