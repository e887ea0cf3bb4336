import { json, parseBody, withApiKey } from "@/lib/api";
import { getEndpoint, rotateSecret, rotateSecretInput } from "@/lib/webhooks";

export const POST = withApiKey<{ webhookId: string }>({ permission: "webhooks:secrets" }, async (req, { db, orgId, actor, params }) => {
  const endpoint = await getEndpoint(db, orgId, params.webhookId);
  const input = await parseBody(req, rotateSecretInput);
  return json(await rotateSecret(db, orgId, endpoint.id, input.overlap_seconds, actor), { headers: { "cache-control": "no-store" } });
});
