// The manual trigger endpoint (docs/triggers.md#manual-trigger), for any CI: authenticate with the project's trigger
// secret, refuse a signed request sent again (seen-signatures.ts), hold the shared rate limit, honour
// Idempotency-Key for 24 h, queue the build.
import "server-only";
import { z } from "zod";
import { jsonFromText, parseWith } from "@/lib/validation";
import { buildRequestFromInput, createBuild, queueBuildInput, type BuildStatus } from "@/lib/builds";
import { isUniqueViolation, type Db } from "@/lib/db";
import { announceMessages } from "@/lib/delivery";
import { holdTriggerLimit, triggeredProject } from "./admission";
import { projectSecret } from "./project-secrets";
import type { RateLimitResult, RateLimitStore } from "@/lib/rate-limit";
import { forgetExpiredSignatures, rememberSignature, replayRefused, seenSignature, signatureDigest } from "./seen-signatures";
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

interface Attempt {
  projectId: string;
  key: string | null;
  /** SHA-256 of X-Signature when the request was signed; null with X-Webhook-Secret (no replay protection). */
  signature: string | null;
  now: Date;
}

async function replayedBuild(db: Db, buildId: string): Promise<TriggerOutcome | null> {
  const build = await db.build.findUnique({ where: { id: buildId }, select: { id: true, status: true } });
  return build ? { buildId: build.id, status: build.status, replayed: true, rateLimit: null } : null;
}

/**
 * The answer an earlier request already determines: a seen signature is refused (409) unless it
 * carries the Idempotency-Key it carried the first time (then: its build); a key seen within 24 h
 * answers its build. Null: queue a new build.
 */
async function earlierAnswer(db: Db, attempt: Attempt): Promise<TriggerOutcome | null> {
  const { projectId, key, signature, now } = attempt;
  if (signature) {
    const seen = await seenSignature(db, projectId, signature, now);
    if (seen) {
      const original = key !== null && key === seen.idempotencyKey ? await replayedBuild(db, seen.buildId) : null;
      if (!original) throw replayRefused();
      return original;
    }
  }
  if (!key) return null;
  const seen = await db.idempotencyKey.findUnique({ where: { projectId_key: { projectId, key } } });
  if (!seen || now.getTime() - seen.createdAt.getTime() >= IDEMPOTENCY_WINDOW_MS) return null;
  const outcome = await replayedBuild(db, seen.buildId);
  if (outcome && signature) {
    // This signature answered too: sent again without the key, it must not queue a build.
    try {
      await rememberSignature(db, projectId, signature, { buildId: outcome.buildId, idempotencyKey: key }, now);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return earlierAnswer(db, attempt);
    }
  }
  return outcome;
}

export async function handleManualTrigger(
  db: Db,
  store: RateLimitStore,
  projectId: string,
  request: { headers: Headers; rawBody: string },
  now = new Date(),
): Promise<TriggerOutcome> {
  const project = await triggeredProject(db, projectId);
  const method = authenticateTrigger(projectSecret(project, "trigger"), request.headers, request.rawBody, now);

  const input = parseWith(queueBuildInput, jsonFromText(request.rawBody));
  const rawKey = request.headers.get("idempotency-key");
  const key = rawKey === null ? null : parseWith(idempotencyKey, rawKey);
  const signature = method === "signature" ? signatureDigest(request.headers.get("x-signature") ?? "") : null;
  const attempt: Attempt = { projectId: project.id, key, signature, now };

  const earlier = await earlierAnswer(db, attempt);
  if (earlier) return earlier;

  // A request refused from here on (429) is not remembered: it may be sent again as it is.
  const rateLimit = await holdTriggerLimit(store, project.id, now, (seconds) => `Retry in ${seconds} s.`);

  let queued;
  try {
    queued = await db.$transaction(async (tx) => {
      const created = await createBuild(tx, buildRequestFromInput(project, input, "api"), now);
      if (key) {
        await tx.idempotencyKey.upsert({
          where: { projectId_key: { projectId: project.id, key } },
          create: { projectId: project.id, key, buildId: created.build.id, createdAt: now },
          update: { buildId: created.build.id, createdAt: now },
        });
      }
      if (signature) await rememberSignature(tx, project.id, signature, { buildId: created.build.id, idempotencyKey: key }, now);
      return created;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same signed request (or key) was accepted meanwhile, on this or another instance; this
    // transaction rolled back. Answer as if it had come second.
    const raced = await earlierAnswer(db, attempt);
    if (!raced) throw error;
    return raced;
  }
  await announceMessages(queued.messages);
  if (signature) await forgetExpiredSignatures(db, now);
  return { buildId: queued.build.id, status: queued.build.status, replayed: false, rateLimit };
}
