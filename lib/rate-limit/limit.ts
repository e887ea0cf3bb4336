// Fixed-window rate limits: at most `limit` hits per `windowMs` per key, counted in a shared
// store so the limit holds across instances. Over the limit is a 429 with Retry-After and
// RateLimit-* headers (lib/api/problem.ts).
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

/** Whether `key` has room for another hit in the window containing `now`, without counting one. */
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
