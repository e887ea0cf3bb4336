import { handle, routes } from "@/lib/api";
import { getEndpoint, rotateSecret } from "@/lib/webhooks";

export const POST = handle(routes.rotateWebhookSecret, async ({ db, orgId, actor, params, body }) => {
  const endpoint = await getEndpoint(db, orgId, params.webhookId);
  return rotateSecret(db, orgId, endpoint.id, body.overlap_seconds, actor);
});
