// POST /api/v1/projects/{projectId}/trigger — authenticated by the project's trigger secret
// (not an API key): X-Webhook-Secret, or X-Signature + X-Timestamp.
import { problemFromError } from "@/lib/api";
import { getDb } from "@/lib/db";
import { defaultRateLimitStore, handleManualTrigger, rateLimitHeaders } from "@/lib/triggers";

export async function POST(req: Request, route: { params: Promise<{ projectId: string }> }) {
  try {
    const { projectId } = await route.params;
    const db = await getDb();
    const rawBody = await req.text();
    const outcome = await handleManualTrigger(db, defaultRateLimitStore(db), projectId, { headers: req.headers, rawBody });
    return Response.json(
      { build_id: outcome.buildId, status: outcome.status },
      { status: 202, headers: { ...(outcome.rateLimit ? rateLimitHeaders(outcome.rateLimit) : {}), ...(outcome.replayed ? { "idempotent-replayed": "true" } : {}) } },
    );
  } catch (error) {
    return problemFromError(error, new URL(req.url).pathname);
  }
}
