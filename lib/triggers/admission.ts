// What every trigger source checks before it may queue builds (docs/triggers.md): the project
// exists, and the project's shared rate limit has room (10 per minute, all sources together).
// Each source then authenticates with its own project secret.
import type { Db } from "@/lib/db";
import { Prisma, type Project } from "@/lib/db/generated/client";
import { NotFoundError } from "@/lib/errors";
import { enforceRateLimit, type RateLimitResult, type RateLimitStore } from "@/lib/rate-limit";

export const TRIGGERS_PER_MINUTE = 10;

/** What a trigger source needs of the project it names: its secrets and its build defaults. */
export type TriggeredProject = Pick<
  Project,
  "id" | "organizationId" | "defaultBranch" | "defaultPlatforms" | "defaultFormats" | "defaultReleaseType" | "defaultFlags" | "triggerSecretEncrypted" | "githubSecretEncrypted" | "triggerBodySignature"
>;

/**
 * The project a trigger names (any organization's: the project's secret is the credential),
 * read with `alongside` (columns over `p`, the project, and whatever `joins` adds) in one query:
 * each source reads what earlier requests answered with it. NotFound without such a project.
 */
export async function triggeredProject<Extra extends object>(db: Db, projectId: string, alongside: Prisma.Sql, joins: Prisma.Sql) {
  const [row] = await db.$queryRaw<(TriggeredProject & Extra)[]>(Prisma.sql`
    SELECT p.id, p."organizationId", p."defaultBranch", p."defaultPlatforms", p."defaultFormats", p."defaultReleaseType", p."defaultFlags",
           p."triggerSecretEncrypted", p."githubSecretEncrypted", p."triggerBodySignature", ${alongside}
      FROM "Project" p ${joins}
     WHERE p.id = ${projectId}`);
  if (!row) throw new NotFoundError("Project", projectId);
  return row;
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
