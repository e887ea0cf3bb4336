// The manual trigger endpoint (docs/triggers.md#manual-trigger), for any CI: authenticate with the project's trigger
// secret, refuse a signed request sent again (seen-signatures.ts), hold the shared rate limit, honour
// Idempotency-Key for 24 h, queue the build.
import "server-only";
import { z } from "zod";
import { jsonFromText, parseWith } from "@/lib/validation";
import {
  buildRequestFromInput,
  createBuild,
  queueBuildAsSeen,
  queueBuildInput,
  queueSnapshotColumns,
  requestedBranch,
  type BuildStatus,
  type QueueBuildInput,
  type QueueSnapshot,
} from "@/lib/builds";
import { isUniqueViolation, type Db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { announceMessages } from "@/lib/delivery";
import { holdTriggerLimit, triggeredProject } from "./admission";
import { projectSecret } from "./project-secrets";
import type { RateLimitResult, RateLimitStore } from "@/lib/rate-limit";
import {
  deleteExpiredSignatures,
  forgetExpiredSignatures,
  rememberedSignature,
  rememberSignature,
  replayRefused,
  signatureDigest,
  type SeenSignature,
} from "./seen-signatures";
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
  /** Signed over the body alone (no X-Timestamp): a repeat is told to add one. */
  bodySigned?: boolean;
  now: Date;
}

async function replayedBuild(db: Db, buildId: string): Promise<TriggerOutcome | null> {
  const build = await db.build.findUnique({ where: { id: buildId }, select: { id: true, status: true } });
  return build ? { buildId: build.id, status: build.status, replayed: true, rateLimit: null } : null;
}

/** What earlier requests answered: the same signature (while remembered), the same Idempotency-Key (within 24 h). */
interface Earlier {
  signature: SeenSignature | null;
  keyBuildId: string | null;
}

/**
 * The project a trigger names and what earlier requests with the same signature or key
 * answered, in one query, with what queueBuildAsSeen needs to queue the build in one statement:
 * the project's next number and the queued builds of `branch` (requestedBranch).
 */
async function lookUp(db: Db, projectId: string, digest: string | null, key: string | null, now: Date, branch: string | null | undefined = null) {
  const row = await triggeredProject<QueueSnapshot & { signatureBuildId: string | null; signatureKey: string | null; keyBuildId: string | null }>(
    db,
    projectId,
    Prisma.sql`s."buildId" AS "signatureBuildId", s."idempotencyKey" AS "signatureKey", k."buildId" AS "keyBuildId", ${queueSnapshotColumns(branch)}`,
    Prisma.sql`
      LEFT JOIN "TriggerSignature" s ON s."projectId" = p.id AND s.digest = ${digest} AND s."expiresAt" > ${now.toISOString()}::timestamp(3)
      LEFT JOIN "IdempotencyKey" k ON k."projectId" = p.id AND k.key = ${key} AND k."createdAt" > ${new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS).toISOString()}::timestamp(3)`,
  );
  const { signatureBuildId, signatureKey, keyBuildId, projectName, nextBuildNumber, queuedOnBranch, ...project } = row;
  const earlier: Earlier = { signature: signatureBuildId ? { buildId: signatureBuildId, idempotencyKey: signatureKey } : null, keyBuildId };
  return { project, earlier, seen: { projectName, nextBuildNumber, queuedOnBranch } };
}

/** The request's body checked now, but answered only once the caller has authenticated. */
function checkedBody(rawBody: string): { input: QueueBuildInput } | { error: unknown } {
  try {
    return { input: parseWith(queueBuildInput, jsonFromText(rawBody)) };
  } catch (error) {
    return { error };
  }
}

/**
 * The answer an earlier request already determines: a seen signature is refused (409) unless it
 * carries the Idempotency-Key it carried the first time (then: its build); a key seen within 24 h
 * answers its build. Null: queue a new build.
 */
async function earlierAnswer(db: Db, attempt: Attempt, earlier: Earlier): Promise<TriggerOutcome | null> {
  const { projectId, key, signature, now } = attempt;
  if (signature && earlier.signature) {
    const original = key !== null && key === earlier.signature.idempotencyKey ? await replayedBuild(db, earlier.signature.buildId) : null;
    if (!original) throw replayRefused(attempt.bodySigned);
    return original;
  }
  if (!key || !earlier.keyBuildId) return null;
  const outcome = await replayedBuild(db, earlier.keyBuildId);
  if (outcome && signature) {
    // This signature answered too: sent again without the key, it must not queue a build.
    try {
      await rememberSignature(db, projectId, signature, { buildId: outcome.buildId, idempotencyKey: key }, now);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return earlierAnswer(db, attempt, (await lookUp(db, projectId, signature, key, now)).earlier);
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
  // Looked up with the project before authenticating (one query), used only after.
  const signed = request.headers.get("x-signature");
  const rawKey = request.headers.get("idempotency-key");
  const body = checkedBody(request.rawBody);
  const { project, earlier, seen } = await lookUp(
    db,
    projectId,
    signed === null ? null : signatureDigest(signed),
    idempotencyKey.safeParse(rawKey).data ?? null,
    now,
    "input" in body ? requestedBranch(body.input) : null,
  );
  const method = authenticateTrigger(projectSecret(project, "trigger"), request.headers, request.rawBody, now, project.triggerBodySignature);

  if ("error" in body) throw body.error;
  const { input } = body;
  const key = rawKey === null ? null : parseWith(idempotencyKey, rawKey);
  const signature = method === "secret" ? null : signatureDigest(signed ?? "");
  const attempt: Attempt = { projectId: project.id, key, signature, bodySigned: method === "body-signature", now };

  const answered = await earlierAnswer(db, attempt, earlier);
  if (answered) return answered;

  // A request refused from here on (429) is not remembered: it may be sent again as it is.
  const rateLimit = await holdTriggerLimit(store, project.id, now, (seconds) => `Retry in ${seconds} s.`);

  // The build, its events, the key and the signature: one statement when the project is as
  // looked up (queueBuildAsSeen), else one transaction of three (createBuild).
  const rows = ({ id: buildId }: { id: string }, writtenIf: Prisma.Sql) => [
    ...(key
      ? [
          Prisma.sql`INSERT INTO "IdempotencyKey" ("projectId", "key", "buildId", "createdAt") SELECT ${project.id}, ${key}, ${buildId}, ${now.toISOString()}::timestamp(3) WHERE ${writtenIf}
            ON CONFLICT ("projectId", "key") DO UPDATE SET "buildId" = EXCLUDED."buildId", "createdAt" = EXCLUDED."createdAt"`,
        ]
      : []),
    ...(signature ? [rememberedSignature(project.id, signature, { buildId, idempotencyKey: key }, now, writtenIf)] : []),
  ];
  const buildRequest = buildRequestFromInput(project, input, "api");
  const queue = () => db.$transaction((tx) => createBuild(tx, buildRequest, now, rows));
  let queued;
  try {
    queued = (await queueBuildAsSeen(db, buildRequest, seen, now, rows)) ?? (await queue());
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The same signed request was accepted meanwhile, on this or another instance; this
    // transaction rolled back. Answer as if it had come second.
    const raced = await earlierAnswer(db, attempt, (await lookUp(db, project.id, signature, key, now)).earlier);
    if (raced) return raced;
    if (!signature) throw error;
    // It collided with an expired memory of the same signature, not yet pruned (a body-signed
    // request sent again after 10 minutes, or clocks that disagree between instances): forget it
    // and queue.
    await deleteExpiredSignatures(db, now, signature);
    queued = await queue();
  }
  await announceMessages(queued.messages);
  if (signature) await forgetExpiredSignatures(db, now);
  return { buildId: queued.build.id, status: queued.build.status, replayed: false, rateLimit };
}
