// Authenticated by the project's trigger secret, not an API key: handleManualTrigger checks
// X-Webhook-Secret, or X-Signature + X-Timestamp over the raw body.
import { handle, Reply, routes } from "@/lib/api";
import { defaultRateLimitStore, rateLimitHeaders } from "@/lib/rate-limit";
import { handleManualTrigger } from "@/lib/triggers";
import { readBodyText } from "@/lib/validation";

export const POST = handle(routes.triggerBuild, async ({ db, params, req }) => {
  const outcome = await handleManualTrigger(db, defaultRateLimitStore(db), params.projectId, { headers: req.headers, rawBody: await readBodyText(req) });
  return new Reply(
    { build_id: outcome.buildId, status: outcome.status },
    { ...(outcome.rateLimit ? rateLimitHeaders(outcome.rateLimit) : {}), ...(outcome.replayed ? { "idempotent-replayed": "true" } : {}) },
  );
});
