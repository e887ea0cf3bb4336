// Throttling of password sign-in and sign-up (docs/security.md#sessions-and-passwords): fixed
// windows in the shared limiter (lib/rate-limit), per email and per client address. Every
// attempt counts, failed or not, so a correct guess past the limit is refused like a wrong one.
import { isIP } from "node:net";
import { sha256Hex } from "@/lib/crypto";
import { enforceRateLimit, type RateLimitStore, type RateRule } from "@/lib/rate-limit";

const MINUTE = 60_000;

/** Password checks per email address (sign-in, and sign-up with an email that has an account). */
export const SIGN_IN_PER_EMAIL: RateRule = { limit: 10, windowMs: 15 * MINUTE };
/** Password checks per client address; only when the address is known (TRUSTED_PROXIES). */
export const SIGN_IN_PER_IP: RateRule = { limit: 50, windowMs: 15 * MINUTE };
/** Sign-up attempts per client address; only when the address is known (TRUSTED_PROXIES). */
export const SIGN_UP_PER_IP: RateRule = { limit: 10, windowMs: 60 * MINUTE };

/** The message of a refused attempt: "try again in N minutes". */
export function tooManyAttempts(kind: "sign-in" | "sign-up", retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many ${kind} attempts; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

type Who = { email: string | null; ip: string | null };

/** Counts one sign-in attempt; throws RateLimitedError (with retryAfterSeconds) over a limit. */
export async function throttleSignIn(store: RateLimitStore, who: Who, now: Date = new Date()): Promise<void> {
  const explain = (r: { resetSeconds: number }) => tooManyAttempts("sign-in", r.resetSeconds);
  const address = ipBucket(who.ip);
  if (address) await enforceRateLimit(store, `signin:ip:${address}`, now, SIGN_IN_PER_IP, explain);
  if (who.email) await enforceRateLimit(store, `signin:email:${emailKey(who.email)}`, now, SIGN_IN_PER_EMAIL, explain);
}

/**
 * Counts one sign-up attempt. A sign-up with an email that has an account checks its password
 * (lib/auth/users.ts `signUpOrSignIn`), so every sign-up also spends the email's sign-in budget:
 * whether the email exists or not, the counts are the same.
 */
export async function throttleSignUp(store: RateLimitStore, who: Who, now: Date = new Date()): Promise<void> {
  const address = ipBucket(who.ip);
  if (address) {
    await enforceRateLimit(store, `signup:ip:${address}`, now, SIGN_UP_PER_IP, (r) => tooManyAttempts("sign-up", r.resetSeconds));
  }
  if (who.email) {
    await enforceRateLimit(store, `signin:email:${emailKey(who.email)}`, now, SIGN_IN_PER_EMAIL, (r) =>
      tooManyAttempts("sign-up", r.resetSeconds),
    );
  }
}

// The limiter's keys are stored (database or Redis): keep a digest, not the address typed in.
function emailKey(email: string): string {
  return sha256Hex(email.trim().toLowerCase()).slice(0, 32);
}

/** IPv4 as is; IPv6 by its /64, which one subscriber usually holds whole. Null for anything else. */
export function ipBucket(ip: string | null): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  if (isIP(ip) === 4) return ip;
  if (isIP(ip) !== 6) return null;
  return `${expandIpv6(ip).slice(0, 4).join(":")}::/64`;
}

function expandIpv6(ip: string): string[] {
  // An embedded IPv4 tail (::a.b.c.d) only changes the last 32 bits, outside the /64.
  const [head, tail = null] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === null ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill("0"), ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}
