import { handle, routes } from "@/lib/api";
import { listInboxRequests, revealsEndpointSecrets } from "@/lib/webhooks";

// Credential-named header values (Authorization, cookies, tokens) are masked for keys without `webhooks:write`.
export const GET = handle(routes.listInboxRequests, async ({ db, orgId, grant, params, query }) => {
  const { webhook_id, ...page } = query;
  const result = await listInboxRequests(db, orgId, params.inboxId, { webhookId: webhook_id }, page, { reveal: revealsEndpointSecrets(grant) });
  return { data: result.items, next_cursor: result.nextCursor };
});
