import { handle, routes } from "@/lib/api";
import { getEndpoint, healthSeries } from "@/lib/webhooks";

export const GET = handle(routes.getWebhookHealth, async ({ db, orgId, params, query }) => {
  const endpoint = await getEndpoint(db, orgId, params.webhookId);
  return healthSeries(db, endpoint, query.window, new Date());
});
