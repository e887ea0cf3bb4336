// The manual trigger endpoint (§2.2), for any CI: authenticate with the project's trigger
// secret, hold the shared rate limit, honour Idempotency-Key for 24 h, queue the build.
import { z } from "zod";
import { parseWith } from "@/lib/api/parse";
import { createBuild } from "@/lib/builds/builds";
import { buildRequestFromInput } from "@/lib/builds/queue-build";
import { queueBuildInput } from "@/lib/builds/schemas";
import type { Db } from "@/lib/db";
import { announcePublished } from "@/lib/delivery/publish";
import { BadRequestError, NotFoundError, RateLimitedError } from "@/lib/errors";
import { projectSecret } from "./project-secrets";
import { hitRateLimit, type RateLimitResult, type RateLimitStore } from "./rate-limit";
import { authenticateTrigger } from "./trigger-auth";

const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;
const idempotencyKey = z.string().trim().min(1).max(255);

export interface TriggerOutcome {
  buildId: string;
  status: string;
  /** True when an earlier request with the same Idempotency-Key already queued this build. */
  replayed: boolean;
  rateLimit: RateLimitResult | null;
}

export async function handleManualTrigger(
  db: Db,
  store: RateLimitStore,
  projectId: string,
  request: { headers: Headers; rawBody: string },
  now = new Date(),
): Promise<TriggerOutcome> {
  const project = await db.project.findUnique({ where: { id: projectId } });
  if (!project) throw new NotFoundError("Project", projectId);
  authenticateTrigger(projectSecret(project, "trigger"), request.headers, request.rawBody, now);

  let body: unknown = {};
  if (request.rawBody.trim()) {
    try {
      body = JSON.parse(request.rawBody);
    } catch {
      throw new BadRequestError("The body is not valid JSON.");
    }
  }
  const input = parseWith(queueBuildInput, body);
  const rawKey = request.headers.get("idempotency-key");
  const key = rawKey === null ? null : parseWith(idempotencyKey, rawKey);

  if (key) {
    const seen = await db.idempotencyKey.findUnique({ where: { projectId_key: { projectId: project.id, key } } });
    if (seen && now.getTime() - seen.createdAt.getTime() < IDEMPOTENCY_WINDOW_MS) {
      const build = await db.build.findUnique({ where: { id: seen.buildId }, select: { id: true, status: true } });
      if (build) return { buildId: build.id, status: build.status, replayed: true, rateLimit: null };
    }
  }

  const rateLimit = await hitRateLimit(store, `trigger:${project.id}`, now);
  if (!rateLimit.allowed) {
    throw new RateLimitedError(
      `Rate limit: at most ${rateLimit.limit} triggers per minute for this project (all sources together). Retry in ${rateLimit.resetSeconds} s.`,
      rateLimit.resetSeconds,
      { limit: rateLimit.limit, remaining: 0, resetSeconds: rateLimit.resetSeconds },
    );
  }

  const { build, messages } = await db.$transaction(async (tx) => {
    const created = await createBuild(tx, buildRequestFromInput(project, input, "api"), now);
    if (key) {
      await tx.idempotencyKey.upsert({
        where: { projectId_key: { projectId: project.id, key } },
        create: { projectId: project.id, key, buildId: created.build.id, createdAt: now },
        update: { buildId: created.build.id, createdAt: now },
      });
    }
    return created;
  });
  await announcePublished(messages);
  return { buildId: build.id, status: build.status, replayed: false, rateLimit };
}
