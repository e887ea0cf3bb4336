// POST /api/integrations/github/{projectId}: GitHub's own webhooks (push, release, ping),
// verified with the project's GitHub secret (docs/triggers.md#github-receiver).
import { withProblems } from "@/lib/api";
import { getDb } from "@/lib/db";
import { defaultRateLimitStore } from "@/lib/rate-limit";
import { handleGithubWebhook } from "@/lib/triggers";
import { readBodyText } from "@/lib/validation";

// GitHub caps webhook payloads at 25 MB; everything else here takes at most 1 MiB.
const GITHUB_BODY_LIMIT = 25 * 1024 * 1024;

export const POST = withProblems(async (req: Request, route: { params: Promise<{ projectId: string }> }) => {
  const { projectId } = await route.params;
  const db = await getDb();
  const answer = await handleGithubWebhook(db, defaultRateLimitStore(db), projectId, { headers: req.headers, rawBody: await readBodyText(req, GITHUB_BODY_LIMIT) });
  return Response.json(answer.body, { status: answer.status });
});
