// POST /api/integrations/github/{projectId} — GitHub's own webhooks (push, release, ping),
// verified with the project's GitHub secret (X-Hub-Signature-256).
import { problemFromError } from "@/lib/api";
import { getDb } from "@/lib/db";
import { defaultRateLimitStore, handleGithubWebhook } from "@/lib/triggers";

export async function POST(req: Request, route: { params: Promise<{ projectId: string }> }) {
  try {
    const { projectId } = await route.params;
    const db = await getDb();
    const answer = await handleGithubWebhook(db, defaultRateLimitStore(db), projectId, { headers: req.headers, rawBody: await req.text() });
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    return problemFromError(error, new URL(req.url).pathname);
  }
}
