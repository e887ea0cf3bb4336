// Where rate-limit counts live, shared by every app instance: one atomic statement per hit (and
// per refund) in the database (default), or Redis when REDIS_URL is set.
import "server-only";
import Redis from "ioredis";
import { processSingleton } from "@/lib/config/singleton";
import type { Db } from "@/lib/db";

export interface RateLimitStore {
  /** Counts one hit in the window starting at `windowStart`; returns the count so far. */
  hit(key: string, windowStart: Date, windowMs: number): Promise<number>;
  /** The count so far in the window starting at `windowStart`, without counting. */
  count(key: string, windowStart: Date): Promise<number>;
  /**
   * Takes one hit back from the window starting at `windowStart`, atomically: never below zero,
   * and nothing once the key's window has moved on.
   */
  refund(key: string, windowStart: Date): Promise<void>;
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
    async count(key, windowStart) {
      const rows = await db.$queryRawUnsafe<{ count: number }[]>(
        `SELECT count FROM "RateLimitBucket" WHERE key = $1 AND "windowStart" = $2::timestamp(3)`,
        key,
        windowStart.toISOString(),
      );
      return Number(rows[0]?.count ?? 0);
    },
    async refund(key, windowStart) {
      await db.$executeRawUnsafe(
        `UPDATE "RateLimitBucket" SET count = count - 1 WHERE key = $1 AND "windowStart" = $2::timestamp(3) AND count > 0`,
        key,
        windowStart.toISOString(),
      );
    },
  };
}

const bucketOf = (key: string, windowStart: Date) => `cc:ratelimit:${key}:${windowStart.getTime()}`;

// DECR alone would create a missing bucket at -1 (without an expiry): only decrement a positive count.
const REFUND_SCRIPT = `local count = tonumber(redis.call("GET", KEYS[1]) or "0")
if count > 0 then return redis.call("DECR", KEYS[1]) end
return 0`;

export function redisStore(redis: Redis): RateLimitStore {
  return {
    async hit(key, windowStart, windowMs) {
      const result = await redis.multi().incr(bucketOf(key, windowStart)).pexpire(bucketOf(key, windowStart), windowMs * 2).exec();
      return Number(result?.[0]?.[1] ?? 0);
    },
    async count(key, windowStart) {
      return Number((await redis.get(bucketOf(key, windowStart))) ?? 0);
    },
    async refund(key, windowStart) {
      await redis.eval(REFUND_SCRIPT, 1, bucketOf(key, windowStart));
    },
  };
}

/** The process's store: Redis when REDIS_URL is set, the database otherwise. */
export function defaultRateLimitStore(db: Db): RateLimitStore {
  const url = process.env.REDIS_URL;
  if (!url) return databaseStore(db);
  return redisStore(processSingleton("redis", () => new Redis(url, { maxRetriesPerRequest: 2, enableAutoPipelining: true })));
}
