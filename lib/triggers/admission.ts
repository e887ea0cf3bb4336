// What every trigger source checks before it may queue builds (docs/triggers.md): the project
// exists, and the project's shared rate limit has room (10 per minute, all sources together).
// Each source then authenticates with its own project secret.
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { enforceRateLimit, type RateLimitResult, type RateLimitStore } from "@/lib/rate-limit";

export const TRIGGERS_PER_MINUTE = 10;

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
export function holdTriggerLimit(
  store: RateLimitStore,
  projectId: string,
  now: Date,
  retryAdvice: (seconds: number) => string,
): Promise<RateLimitResult> {
  return enforceRateLimit(
    store,
    `trigger:${projectId}`,
    now,
    { limit: TRIGGERS_PER_MINUTE, windowMs: 60_000 },
    (r) => `Rate limit: at most ${r.limit} triggers per minute for this project (all sources together). ${retryAdvice(r.resetSeconds)}`,
  );
}
