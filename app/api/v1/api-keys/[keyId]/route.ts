import { handle, routes } from "@/lib/api";
import { revokeApiKey, toApiKeyResource } from "@/lib/auth";

export const DELETE = handle(routes.revokeApiKey, async ({ db, orgId, actor, params }) => {
  const key = await revokeApiKey(db, orgId, params.keyId, actor);
  return { ...toApiKeyResource(key), deleted: true as const };
});
