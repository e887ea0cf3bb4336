// The manual trigger endpoint (docs/triggers.md#manual-trigger), for any CI: authenticate with the project's trigger
// secret, hold the shared rate limit, honour Idempotency-Key for 24 h, queue the build.
import "server-only";
import { z } from "zod";
import { jsonFromText, parseWith } from "@/lib/validation";
import { buildRequestFromInput, createBuild, queueBuildInput, type BuildStatus } from "@/lib/builds";
import type { Db } from "@/lib/db";
import { announceMessages } from "@/lib/delivery";
import { holdTriggerLimit, triggeredProject } from "./admission";
import { projectSecret } from "./project-secrets";
import type { RateLimitResult, RateLimitStore } from "@/lib/rate-limit";
import { authenticateTrigger } from "./trigger-auth";

const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;
const idempotencyKey = z.string().trim().min(1).max(255);

export interface TriggerOutcome {
  buildId: string;
  status: BuildStatus;
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
  const project = await triggeredProject(db, projectId);
  authenticateTrigger(projectSecret(project, "trigger"), request.headers, request.rawBody, now);

  const input = parseWith(queueBuildInput, jsonFromText(request.rawBody));
  const rawKey = request.headers.get("idempotency-key");
  const key = rawKey === null ? null : parseWith(idempotencyKey, rawKey);

  if (key) {
    const seen = await db.idempotencyKey.findUnique({ where: { projectId_key: { projectId: project.id, key } } });
    if (seen && now.getTime() - seen.createdAt.getTime() < IDEMPOTENCY_WINDOW_MS) {
      const build = await db.build.findUnique({ where: { id: seen.buildId }, select: { id: true, status: true } });
      if (build) return { buildId: build.id, status: build.status, replayed: true, rateLimit: null };
    }
  }

  const rateLimit = await holdTriggerLimit(store, project.id, now, (seconds) => `Retry in ${seconds} s.`);

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
  await announceMessages(messages);
  return { buildId: build.id, status: build.status, replayed: false, rateLimit };
}
