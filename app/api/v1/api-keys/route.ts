import { handle, routes } from "@/lib/api";
import { createApiKey, listApiKeys, toApiKeyResource } from "@/lib/auth";

export const GET = handle(routes.listApiKeys, async ({ db, orgId, query }) => {
  const page = await listApiKeys(db, orgId, query);
  return { data: page.items.map(toApiKeyResource), next_cursor: page.nextCursor };
});

export const POST = handle(routes.createApiKey, async ({ db, orgId, actor, body }) => {
  const { key, secret } = await createApiKey(db, orgId, body, actor);
  // The only response that ever carries the key itself.
  return { ...toApiKeyResource(key), key: secret };
});
