import { handle, routes } from "@/lib/api";
import { getEndpoint, revealSecret } from "@/lib/webhooks";

export const GET = handle(routes.revealWebhookSecret, async ({ db, orgId, actor, params }) => {
  const endpoint = await getEndpoint(db, orgId, params.webhookId);
  return revealSecret(db, orgId, endpoint.id, actor);
});
