import { json, listResponse, pageQuerySchema, parseBody, parseQuery, withApiKey } from "@/lib/api";
import { createApiKey, createApiKeyInput, listApiKeys, toApiKeyResource } from "@/lib/auth";

export const GET = withApiKey({ permission: "api_keys:manage" }, async (req, { db, orgId }) => {
  const page = await listApiKeys(db, orgId, parseQuery(req, pageQuerySchema));
  return listResponse(page.items.map(toApiKeyResource), page.nextCursor);
});

export const POST = withApiKey({ permission: "api_keys:manage" }, async (req, { db, orgId, actor }) => {
  const input = await parseBody(req, createApiKeyInput);
  const { key, secret } = await createApiKey(db, orgId, input, actor);
  // The only response that ever carries the key itself.
  return json({ ...toApiKeyResource(key), key: secret }, { status: 201 });
});
