// Authenticating the manual trigger endpoint (docs/triggers.md#manual-trigger): the project's trigger secret, sent
// either as-is (X-Webhook-Secret) or as an HMAC over "{timestamp}.{raw body}" with a
// timestamp no more than 5 minutes from now (X-Signature + X-Timestamp: replay protection, completed by
// the memory of seen signatures in seen-signatures.ts). X-Webhook-Secret has no replay protection.
// A project may also accept an HMAC over the raw body alone (X-Signature without X-Timestamp), as
// some CI recipes sign (docs/triggers.md#body-signatures): accepted once while remembered, and
// then, unlike a timestamped one, good again.
import { createHmac } from "node:crypto";
import { safeEqual } from "@/lib/crypto";
import { UnauthorizedError } from "@/lib/errors";

export const TRIGGER_TOLERANCE_SECONDS = 300;

export function triggerSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

/** X-Signature over the raw body alone: `sha256=<hex HMAC-SHA256(secret, body)>`. */
export function triggerBodySignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

export type TriggerAuthMethod = "secret" | "signature" | "body-signature";

export function authenticateTrigger(
  secret: string,
  headers: Headers,
  rawBody: string,
  now: Date,
  /** The project accepts X-Signature over the body alone (its trigger_body_signature setting). */
  bodySignature = false,
): TriggerAuthMethod {
  const shared = headers.get("x-webhook-secret");
  if (shared !== null) {
    if (!safeEqual(shared, secret)) throw new UnauthorizedError("X-Webhook-Secret does not match this project's trigger secret.");
    return "secret";
  }
  const signature = headers.get("x-signature");
  const timestamp = headers.get("x-timestamp");
  if (signature === null) {
    throw new UnauthorizedError(
      "Authenticate with X-Webhook-Secret: <trigger secret>, or X-Signature: sha256=<hex HMAC-SHA256(secret, \"{timestamp}.{body}\")> with X-Timestamp: <unix seconds>.",
    );
  }
  if (timestamp === null && bodySignature) {
    if (!safeEqual(signature, triggerBodySignature(secret, rawBody))) {
      throw new UnauthorizedError(
        "X-Signature does not match: without X-Timestamp, sign the raw body with the trigger secret (sha256=<hex HMAC-SHA256(secret, body)>).",
      );
    }
    return "body-signature";
  }
  if (timestamp === null) {
    throw new UnauthorizedError(
      "X-Signature needs X-Timestamp: the unix time in seconds (sign \"{X-Timestamp}.{raw body}\"). " +
        "A signature over the body alone is accepted only where the project turns on trigger_body_signature.",
    );
  }
  if (!/^\d{9,11}$/.test(timestamp)) throw new UnauthorizedError("X-Signature needs X-Timestamp: the unix time in seconds.");
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skew > TRIGGER_TOLERANCE_SECONDS) {
    throw new UnauthorizedError(`X-Timestamp is ${skew} s away from now; requests older or newer than 5 minutes are refused (replay protection).`);
  }
  if (!safeEqual(signature, triggerSignature(secret, timestamp, rawBody))) {
    throw new UnauthorizedError("X-Signature does not match: sign \"{X-Timestamp}.{raw body}\" with the trigger secret (HMAC-SHA256, hex).");
  }
  return "signature";
}
