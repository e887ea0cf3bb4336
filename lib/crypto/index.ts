// Cryptography shared by several concepts: secrets at rest and random tokens.
import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { encryptionKey } from "@/lib/config/local-secrets";
import { SecretBox } from "./encryption";

export { SecretBox } from "./encryption";

let box: SecretBox | undefined;
/** The app's SecretBox, keyed by APP_ENCRYPTION_KEY (or the embedded default's generated key). */
export function secretBox(): SecretBox {
  box ??= new SecretBox(encryptionKey());
  return box;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Constant-time string comparison (different lengths compare unequal, still in constant time for the shorter). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) {
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
