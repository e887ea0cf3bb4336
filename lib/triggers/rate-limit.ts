// Trigger rate limit (docs/triggers.md#rate-limit): 10 triggers per minute per project, all sources together,
// shared by every app instance: a fixed one-minute window counted in one atomic statement
// in the database (default) or in Redis (REDIS_URL).
import Redis from "ioredis";
import { processSingleton } from "@/lib/config/singleton";
import type { Db } from "@/lib/db";

export const TRIGGERS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;

export interface RateLimitStore {
  /** Counts one hit in the window containing `now`; returns the count so far. */
  hit(key: string, windowStart: Date, windowMs: number): Promise<number>;
}

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

export function databaseStore(db: Db): RateLimitStore {
  return {
    async hit(key, windowStart) {
      const rows = await db.$queryRawUnsafe<{ count: number }[]>(
        `INSERT INTO "RateLimitBucket" (key, "windowStart", count) VALUES ($1, $2::timestamp(3), 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN "RateLimitBucket"."windowStart" = EXCLUDED."windowStart" THEN "RateLimitBucket".count + 1 ELSE 1 END,
           "windowStart" = EXCLUDED."windowStart"
         RETURNING count`,
        key,
        windowStart.toISOString(),
      );
      return Number(rows[0].count);
    },
  };
}

export function redisStore(redis: Redis): RateLimitStore {
  return {
    async hit(key, windowStart, windowMs) {
      const bucket = `cc:ratelimit:${key}:${windowStart.getTime()}`;
      const result = await redis.multi().incr(bucket).pexpire(bucket, windowMs * 2).exec();
      return Number(result?.[0]?.[1] ?? 0);
    },
  };
}

export async function hitRateLimit(store: RateLimitStore, key: string, now: Date, limit = TRIGGERS_PER_MINUTE): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);
  const count = await store.hit(key, windowStart, WINDOW_MS);
  const resetSeconds = Math.max(1, Math.ceil((windowStart.getTime() + WINDOW_MS - now.getTime()) / 1000));
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds };
}

/** The process's store: Redis when REDIS_URL is set, the database otherwise. */
export function defaultRateLimitStore(db: Db): RateLimitStore {
  const url = process.env.REDIS_URL;
  if (!url) return databaseStore(db);
  return redisStore(processSingleton("redis", () => new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true })));
}

export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  return {
    "ratelimit-limit": String(result.limit),
    "ratelimit-remaining": String(result.remaining),
    "ratelimit-reset": String(result.resetSeconds),
  };
}
