import { handle, routes } from "@/lib/api";
import { createApiKey, listApiKeys, toApiKeyResource } from "@/lib/auth";

export const GET = handle(routes.listApiKeys, async ({ db, orgId, query }) => {
  const page = await listApiKeys(db, orgId, query);
  return { data: page.items.map(toApiKeyResource), next_cursor: page.nextCursor };
});

export const POST = handle(routes.createApiKey, async ({ db, orgId, actor, key: caller, body }) => {
  // The new key acts for the member the calling key acts for.
  const { key, secret } = await createApiKey(db, orgId, body, actor, caller.holder);
  // The only response that ever carries the key itself.
  return { ...toApiKeyResource(key), key: secret };
});
