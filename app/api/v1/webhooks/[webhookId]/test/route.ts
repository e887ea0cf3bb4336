import { handle, routes } from "@/lib/api";
import { deliveryContext, sendTestEvent } from "@/lib/delivery";

export const POST = handle(routes.sendTestEvent, async ({ db, orgId, actor, params }) => {
  return sendTestEvent(deliveryContext(db), orgId, params.webhookId, actor);
});
