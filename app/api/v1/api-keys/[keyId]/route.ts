import { json, withApiKey } from "@/lib/api";
import { revokeApiKey, toApiKeyResource } from "@/lib/auth";

export const DELETE = withApiKey<{ keyId: string }>({ permission: "api_keys:manage" }, async (_req, { db, orgId, actor, params }) => {
  const key = await revokeApiKey(db, orgId, params.keyId, actor);
  return json({ ...toApiKeyResource(key), id: key.id, deleted: true });
});
