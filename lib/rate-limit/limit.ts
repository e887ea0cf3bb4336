// Fixed-window rate limits: at most `limit` hits per `windowMs` per key, counted in a shared
// store so the limit holds across instances. Over the limit is a 429 with Retry-After and
// RateLimit-* headers (lib/api/problem.ts). A limit that guards work counts first (one atomic
// hit) and does the work only when the hit was allowed, so N concurrent callers get at most
// `limit` through; work that should cost nothing after all (a right password) is refunded.
import { RateLimitedError } from "@/lib/errors";
import type { RateLimitStore } from "./store";

export interface RateRule {
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

const windowOf = (now: Date, rule: RateRule) => new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);

function result(count: number, allowed: boolean, windowStart: Date, now: Date, rule: RateRule): RateLimitResult {
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + rule.windowMs - now.getTime()) / 1000));
  return { allowed, limit: rule.limit, remaining: Math.max(0, rule.limit - count), resetSeconds };
}

/** Counts one hit for `key` in the window containing `now`. */
export async function hitRateLimit(store: RateLimitStore, key: string, now: Date, rule: RateRule): Promise<RateLimitResult> {
  const windowStart = windowOf(now, rule);
  const count = await store.hit(key, windowStart, rule.windowMs);
  return result(count, count <= rule.limit, windowStart, now, rule);
}

/**
 * Takes back one hit counted by hitRateLimit with the same `now` (its window): never below zero,
 * and nothing once the key has moved on to a later window.
 */
export async function refundRateLimit(store: RateLimitStore, key: string, now: Date, rule: RateRule): Promise<void> {
  await store.refund(key, windowOf(now, rule));
}

/**
 * Whether `key` has room for another hit in the window containing `now`, without counting one.
 * Never a gate for work that is counted afterwards: concurrent callers would all see the same
 * room (count first with hitRateLimit, and refund with refundRateLimit).
 */
export async function peekRateLimit(store: RateLimitStore, key: string, now: Date, rule: RateRule): Promise<RateLimitResult> {
  const windowStart = windowOf(now, rule);
  const count = await store.count(key, windowStart);
  return result(count, count < rule.limit, windowStart, now, rule);
}

/** Counts one hit; over the limit, a RateLimitedError whose message `explain` writes from the result. */
export async function enforceRateLimit(
  store: RateLimitStore,
  key: string,
  now: Date,
  rule: RateRule,
  explain: (result: RateLimitResult) => string,
): Promise<RateLimitResult> {
  const result = await hitRateLimit(store, key, now, rule);
  if (!result.allowed) {
    throw new RateLimitedError(explain(result), result.resetSeconds, { limit: result.limit, remaining: 0, resetSeconds: result.resetSeconds });
  }
  return result;
}

export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  return {
    "ratelimit-limit": String(result.limit),
    "ratelimit-remaining": String(result.remaining),
    "ratelimit-reset": String(result.resetSeconds),
  };
}
