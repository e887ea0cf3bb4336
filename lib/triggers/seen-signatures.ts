// Replay protection for signed manual triggers (docs/triggers.md#manual-trigger). X-Timestamp alone
// lets the same signed request through for 5 minutes, so every X-Signature that queued (or answered)
// a build is remembered per project, by its SHA-256, for 10 minutes: longer than the ±5-minute
// window, so a signature is refused by this memory until the window refuses it anyway. The row's
// primary key makes the memory shared and race-free across instances.
import "server-only";
import { sha256Hex } from "@/lib/crypto";
import { always, writeTogether, type Db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { ConflictError } from "@/lib/errors";
import { occasionally } from "./occasionally";

export const SEEN_SIGNATURE_TTL_MS = 10 * 60_000;

export interface SeenSignature {
  buildId: string;
  /** The Idempotency-Key the signed request carried the first time, if any. */
  idempotencyKey: string | null;
}

export function signatureDigest(signature: string): string {
  return sha256Hex(signature);
}

/**
 * The row that remembers a signature and what it answered, as a part of the statement that
 * queues the build (lib/db writeTogether). A second request with the same signature, at the
 * same moment on any instance, fails with a unique violation (and its transaction rolls back).
 * Inserted only where `writtenIf` (SQL) holds, for a statement that may write nothing.
 */
export function rememberedSignature(projectId: string, digest: string, answer: SeenSignature, now: Date, writtenIf: Prisma.Sql = always): Prisma.Sql {
  return Prisma.sql`INSERT INTO "TriggerSignature" ("projectId", "digest", "buildId", "idempotencyKey", "expiresAt")
    SELECT ${projectId}, ${digest}, ${answer.buildId}, ${answer.idempotencyKey}, ${new Date(now.getTime() + SEEN_SIGNATURE_TTL_MS).toISOString()}::timestamp(3) WHERE ${writtenIf}`;
}

/** Remembers a signature and what it answered, on its own (a request answered by its Idempotency-Key). */
export async function rememberSignature(tx: Tx, projectId: string, digest: string, answer: SeenSignature, now: Date): Promise<void> {
  await deleteExpiredSignatures(tx, now, digest);
  await writeTogether(tx, [rememberedSignature(projectId, digest, answer, now)]);
}

/** Deletes expired rows (of one signature, or all): one indexed delete. */
export async function deleteExpiredSignatures(tx: Tx, now: Date, digest?: string): Promise<void> {
  await tx.triggerSignature.deleteMany({ where: { expiresAt: { lte: now }, ...(digest ? { digest } : {}) } });
}

/** Pruning runs at most every 10 s per process: a trigger that would find nothing to delete does not pay for it. */
const forgetNow = occasionally(10_000);

/** Best effort, after a signature was remembered: every expired row, at most once per 10 s (by `now`). */
export async function forgetExpiredSignatures(db: Db, now: Date): Promise<void> {
  if (!forgetNow(now)) return;
  await deleteExpiredSignatures(db, now).catch((error: unknown) =>
    console.error("[trigger] forgetting expired signatures failed:", error instanceof Error ? error.message : error),
  );
}

export function replayRefused(bodySigned = false): ConflictError {
  const another = bodySigned
    ? "This request is signed over its body alone, so the same body is accepted once every 10 minutes. To queue another build with the same inputs, sign \"{X-Timestamp}.{body}\" and send X-Timestamp. "
    : "To queue another build, send a new request signed with the current time in X-Timestamp. ";
  return new ConflictError(
    "Replay refused: this signed request (the same X-Signature) was already accepted, and a signed request is accepted once. " +
      another +
      "To retry the same request safely, send it with the Idempotency-Key of the original request: it answers the original build.",
  );
}
