import { json, withApiKey } from "@/lib/api";
import { getEndpoint, revealSecret } from "@/lib/webhooks";

export const GET = withApiKey<{ webhookId: string }>({ permission: "webhooks:secrets" }, async (_req, { db, orgId, actor, params }) => {
  const endpoint = await getEndpoint(db, orgId, params.webhookId);
  return json(await revealSecret(db, orgId, endpoint.id, actor), { headers: { "cache-control": "no-store" } });
});
