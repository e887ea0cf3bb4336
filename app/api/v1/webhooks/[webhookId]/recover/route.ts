import { handle, routes } from "@/lib/api";
import { deliveryContext, recoverFailedDeliveries } from "@/lib/delivery";

export const POST = handle(routes.recoverWebhookDeliveries, async ({ db, orgId, actor, params, body }) => {
  const range = { since: new Date(body.since), until: body.until ? new Date(body.until) : undefined };
  return recoverFailedDeliveries(deliveryContext(db), orgId, params.webhookId, range, actor);
});
