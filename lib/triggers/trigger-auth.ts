// Authenticating the manual trigger endpoint (docs/triggers.md#manual-trigger): the project's trigger secret, sent
// either as-is (X-Webhook-Secret) or as an HMAC over "{timestamp}.{raw body}" with a
// timestamp no more than 5 minutes from now (X-Signature + X-Timestamp: replay protection, completed by
// the memory of seen signatures in seen-signatures.ts). X-Webhook-Secret has no replay protection.
import { createHmac } from "node:crypto";
import { safeEqual } from "@/lib/crypto";
import { UnauthorizedError } from "@/lib/errors";

export const TRIGGER_TOLERANCE_SECONDS = 300;

export function triggerSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

export function authenticateTrigger(secret: string, headers: Headers, rawBody: string, now: Date): "secret" | "signature" {
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
  if (!timestamp || !/^\d{9,11}$/.test(timestamp)) throw new UnauthorizedError("X-Signature needs X-Timestamp: the unix time in seconds.");
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skew > TRIGGER_TOLERANCE_SECONDS) {
    throw new UnauthorizedError(`X-Timestamp is ${skew} s away from now; requests older or newer than 5 minutes are refused (replay protection).`);
  }
  if (!safeEqual(signature, triggerSignature(secret, timestamp, rawBody))) {
    throw new UnauthorizedError("X-Signature does not match: sign \"{X-Timestamp}.{raw body}\" with the trigger secret (HMAC-SHA256, hex).");
  }
  return "signature";
}
