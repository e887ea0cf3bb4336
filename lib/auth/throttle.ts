// Throttling of password sign-in and sign-up (docs/security.md#sessions-and-passwords): fixed
// windows in the shared limiter (lib/rate-limit), per email and per client address. Every
// password check is counted before it runs (one atomic hit per rule) and refused over a limit
// without running, so N concurrent attempts run at most the limit's checks; a check that
// succeeds is refunded. So only failed checks stay counted; once an email (or address) has used
// its failures, every attempt in the window is refused, a correct password too, and guessing
// gains nothing from the refusal. Successful sign-ins cost nothing: a user signing in from
// several devices is never locked out. Sign-ups count per address whatever their outcome.
import { isIP } from "node:net";
import { sha256Hex } from "@/lib/crypto";
import { RateLimitedError } from "@/lib/errors";
import { enforceRateLimit, hitRateLimit, refundRateLimit, type RateLimitStore, type RateRule } from "@/lib/rate-limit";

const MINUTE = 60_000;

/** Failed password checks per email address (sign-in, and sign-up with an email that has an account). */
export const SIGN_IN_PER_EMAIL: RateRule = { limit: 10, windowMs: 15 * MINUTE };
/** Failed password checks per client address (sign-in and sign-up); only when the address is known (TRUSTED_PROXIES). */
export const SIGN_IN_PER_IP: RateRule = { limit: 50, windowMs: 15 * MINUTE };
/** Sign-up attempts per client address; only when the address is known (TRUSTED_PROXIES). */
export const SIGN_UP_PER_IP: RateRule = { limit: 10, windowMs: 60 * MINUTE };

/** The message of a refused attempt: "try again in N minutes". */
export function tooManyAttempts(kind: "sign-in" | "sign-up", retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many ${kind} attempts; try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

type Who = { email: string | null; ip: string | null };

/** The limiter keys and rules a password check of `who` counts against. */
function passwordBuckets(who: Who): [string, RateRule][] {
  const address = ipBucket(who.ip);
  return [
    ...(address ? [[`signin:ip:${address}`, SIGN_IN_PER_IP] as [string, RateRule]] : []),
    ...(who.email ? [[`signin:email:${emailKey(who.email)}`, SIGN_IN_PER_EMAIL] as [string, RateRule]] : []),
  ];
}

/** A password check counted in advance (holdPasswordCheck): refund() it when the attempt succeeds. */
export interface HeldPasswordCheck {
  /** Takes the check's hits back (once; later calls do nothing). */
  refund(): Promise<void>;
}

/**
 * Before a password check: counts it against the address and the email, one atomic hit each.
 * Over either limit, RateLimitedError (with nothing left counted) and the password must not be
 * checked, so concurrent attempts run at most the limit's checks. The caller refunds the hold
 * when the attempt succeeds (a right password), so only failures stay counted.
 */
export async function holdPasswordCheck(store: RateLimitStore, who: Who, kind: "sign-in" | "sign-up", now: Date = new Date()): Promise<HeldPasswordCheck> {
  const held: [string, RateRule][] = [];
  let refunded = false;
  const hold: HeldPasswordCheck = {
    async refund() {
      if (refunded) return;
      refunded = true;
      await Promise.all(held.map(([key, rule]) => refundRateLimit(store, key, now, rule)));
    },
  };
  for (const [key, rule] of passwordBuckets(who)) {
    const result = await hitRateLimit(store, key, now, rule);
    held.push([key, rule]);
    if (!result.allowed) {
      // A refused attempt checks no password, so it leaves nothing counted.
      await hold.refund();
      throw new RateLimitedError(tooManyAttempts(kind, result.resetSeconds), result.resetSeconds);
    }
  }
  return hold;
}

/**
 * Before a sign-up: counts it for the address (every sign-up, whatever its outcome; over
 * SIGN_UP_PER_IP, RateLimitedError), then holds a password check (holdPasswordCheck), because a
 * sign-up with an email that has an account checks its password (lib/auth/users.ts
 * `signUpOrSignIn`). The hold is taken whether or not the email has an account, so a refusal
 * does not tell which; the caller refunds it when the sign-up succeeds.
 */
export async function holdSignUp(store: RateLimitStore, who: Who, now: Date = new Date()): Promise<HeldPasswordCheck> {
  const address = ipBucket(who.ip);
  if (address) {
    await enforceRateLimit(store, `signup:ip:${address}`, now, SIGN_UP_PER_IP, (r) => tooManyAttempts("sign-up", r.resetSeconds));
  }
  return holdPasswordCheck(store, who, "sign-up", now);
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
