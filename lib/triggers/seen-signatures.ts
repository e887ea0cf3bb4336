// Replay protection for signed manual triggers (docs/triggers.md#manual-trigger). X-Timestamp alone
// lets the same signed request through for 5 minutes, so every X-Signature that queued (or answered)
// a build is remembered per project, by its SHA-256, for 10 minutes: longer than the ±5-minute
// window, so a signature is refused by this memory until the window refuses it anyway. The row's
// primary key makes the memory shared and race-free across instances.
import "server-only";
import { sha256Hex } from "@/lib/crypto";
import type { Db, Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";

export const SEEN_SIGNATURE_TTL_MS = 10 * 60_000;

export interface SeenSignature {
  buildId: string;
  /** The Idempotency-Key the signed request carried the first time, if any. */
  idempotencyKey: string | null;
}

export function signatureDigest(signature: string): string {
  return sha256Hex(signature);
}

/** What this signature answered, while it is remembered. */
export async function seenSignature(db: Db, projectId: string, digest: string, now: Date): Promise<SeenSignature | null> {
  const row = await db.triggerSignature.findUnique({ where: { projectId_digest: { projectId, digest } } });
  return row && row.expiresAt > now ? { buildId: row.buildId, idempotencyKey: row.idempotencyKey } : null;
}

/**
 * Remembers a signature and what it answered. A second request with the same signature, at the
 * same moment on any instance, fails with a unique violation (and its transaction rolls back).
 */
export async function rememberSignature(tx: Tx, projectId: string, digest: string, answer: SeenSignature, now: Date): Promise<void> {
  // An expired row for the same signature no longer counts (the timestamp window refuses it anyway).
  await tx.triggerSignature.deleteMany({ where: { projectId, digest, expiresAt: { lte: now } } });
  await tx.triggerSignature.create({
    data: { projectId, digest, buildId: answer.buildId, idempotencyKey: answer.idempotencyKey, expiresAt: new Date(now.getTime() + SEEN_SIGNATURE_TTL_MS) },
  });
}

/** Best effort, after a signature was remembered: one indexed delete of every expired row. */
export async function forgetExpiredSignatures(db: Db, now: Date): Promise<void> {
  await db.triggerSignature
    .deleteMany({ where: { expiresAt: { lte: now } } })
    .catch((error: unknown) => console.error("[trigger] forgetting expired signatures failed:", error instanceof Error ? error.message : error));
}

export function replayRefused(): ConflictError {
  return new ConflictError(
    "Replay refused: this signed request (the same X-Signature) was already accepted, and a signed request is accepted once. " +
      "To queue another build, send a new request signed with the current time in X-Timestamp. " +
      "To retry the same request safely, send it with the Idempotency-Key of the original request: it answers the original build.",
  );
}
