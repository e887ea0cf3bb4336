// The one signer (docs/delivery.md#signing). Every outgoing request carries
//  - Standard Webhooks headers: webhook-id, webhook-timestamp, webhook-signature
//    ("v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>", one per active secret,
//    space-separated; key = base64-decoded bytes after "whsec_"), and
//  - the endpoint's compatibility signature, if it has one, keyed with the UTF-8 of the whole
//    "whsec_…" string as shown (docs/delivery.md#compatibility-signatures):
//      timestamped  {header}: sha256=<hex HMAC-SHA256(key, "{timestamp}.{body}")>, {prefix}Timestamp, {prefix}Event
//      body-sha256  {header}: sha256=<hex HMAC-SHA256(key, body)>, {prefix}Event
//      body-hex     {header}: <hex HMAC-SHA256(key, body)>, {prefix}Event
import { createHmac, randomBytes } from "node:crypto";

export const SECRET_PREFIX = "whsec_";

export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

/** Problems with a bring-your-own secret, or null when it is usable. */
export function signingSecretProblem(secret: string): string | null {
  if (!secret.startsWith(SECRET_PREFIX)) return "Secrets start with `whsec_`.";
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return "After `whsec_`, a secret is base64.";
  const bytes = Buffer.from(encoded, "base64").length;
  if (bytes < 24 || bytes > 64) return `A secret must decode to 24–64 bytes (this one has ${bytes}).`;
  return null;
}

const keyCache = new Map<string, Buffer>();
/** Standard Webhooks key bytes of a "whsec_…" secret (cached: decoding is per secret, not per request). */
export function standardKey(secret: string): Buffer {
  let key = keyCache.get(secret);
  if (!key) {
    key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(secret, key);
  }
  return key;
}

export function standardSignature(secret: string, msgId: string, timestamp: number, body: string): string {
  return createHmac("sha256", standardKey(secret)).update(`${msgId}.${timestamp}.${body}`).digest("base64");
}

/** The timestamped HMAC signature: hex HMAC-SHA256 of "{timestamp}.{body}", keyed with the whole secret string. */
export function timestampedSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** Hex HMAC-SHA256 of the raw body, keyed with the whole secret string (the body-sha256 and body-hex schemes). */
export function bodySignature(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export interface CompatSignature {
  scheme: "timestamped" | "body-sha256" | "body-hex";
  /** The header that carries the signature. */
  header: string;
}

export interface SignInput {
  msgId: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  body: string;
  /** Active secrets, the current one first. */
  secrets: readonly string[];
  eventType: string;
  /** e.g. "X-Webhook-" (operator-configurable). */
  headerPrefix: string;
  /** The endpoint's compatibility signature; absent: the timestamped one in {prefix}Signature; null: none. */
  compat?: CompatSignature | null;
}

function compatHeaders(input: SignInput, compat: CompatSignature): Record<string, string> {
  const { timestamp, body, secrets, eventType, headerPrefix } = input;
  // One value only (such verifiers compare the whole header): the current secret.
  const secret = secrets[0];
  const event = { [`${headerPrefix}Event`]: eventType };
  switch (compat.scheme) {
    case "timestamped":
      return { [compat.header]: `sha256=${timestampedSignature(secret, timestamp, body)}`, [`${headerPrefix}Timestamp`]: String(timestamp), ...event };
    case "body-sha256":
      return { [compat.header]: `sha256=${bodySignature(secret, body)}`, ...event };
    case "body-hex":
      return { [compat.header]: bodySignature(secret, body), ...event };
  }
}

export function signatureHeaders(input: SignInput): Record<string, string> {
  const { msgId, timestamp, body, secrets, headerPrefix } = input;
  if (secrets.length === 0) throw new Error("An endpoint needs at least one signing secret.");
  const compat = input.compat === undefined ? { scheme: "timestamped" as const, header: `${headerPrefix}Signature` } : input.compat;
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((s) => `v1,${standardSignature(s, msgId, timestamp, body)}`).join(" "),
    ...(compat ? compatHeaders(input, compat) : {}),
  };
}
