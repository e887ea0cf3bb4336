// What every trigger source checks before it may queue builds (docs/triggers.md): the project
// exists, and the project's shared rate limit has room (10 per minute, all sources together).
// Each source then authenticates with its own project secret.
import type { Db } from "@/lib/db";
import { NotFoundError, RateLimitedError } from "@/lib/errors";
import { hitRateLimit, type RateLimitResult, type RateLimitStore } from "./rate-limit";

/** The project a trigger names. Any organization's: the project's secret is the credential. */
export async function triggeredProject(db: Db, projectId: string) {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new NotFoundError("Project", projectId);
  return project;
}

/**
 * Counts one trigger against the project's limit. Over it, a 429 whose message ends with
 * `retryAdvice` (what this source's caller should do after `seconds`).
 */
export async function holdTriggerLimit(
  store: RateLimitStore,
  projectId: string,
  now: Date,
  retryAdvice: (seconds: number) => string,
): Promise<RateLimitResult> {
  const limit = await hitRateLimit(store, `trigger:${projectId}`, now);
  if (!limit.allowed) {
    throw new RateLimitedError(
      `Rate limit: at most ${limit.limit} triggers per minute for this project (all sources together). ${retryAdvice(limit.resetSeconds)}`,
      limit.resetSeconds,
      { limit: limit.limit, remaining: 0, resetSeconds: limit.resetSeconds },
    );
  }
  return limit;
}
