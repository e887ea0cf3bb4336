// The Redis store (REDIS_URL) counts like the database store.
import Redis from "ioredis";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { hitRateLimit, peekRateLimit, redisStore } from "@/lib/rate-limit";

const perMinute = { limit: 10, windowMs: 60_000 };

const url = process.env.TEST_REDIS_URL;
if (!url) console.log("[rate-limit] REDIS_URL is not set: the Redis store test is skipped.");
const redis = url ? new Redis(url) : null;
afterAll(() => redis?.quit());

describe.runIf(url)("Redis rate-limit store", () => {
  it("allows 10 per minute per key, answers how long until the window resets, and restarts next minute", async () => {
    const store = redisStore(redis!);
    const key = `trigger:${randomUUID()}`;
    const now = new Date("2026-05-01T10:00:30Z");
    const results = await Promise.all(Array.from({ length: 12 }, () => hitRateLimit(store, key, now, perMinute)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    expect(results.find((r) => !r.allowed)).toMatchObject({ remaining: 0, resetSeconds: 30 });
    expect((await hitRateLimit(store, key, new Date("2026-05-01T10:01:00Z"), perMinute)).allowed).toBe(true);
  });

  it("peeks at a window without counting", async () => {
    const store = redisStore(redis!);
    const key = `signin:${randomUUID()}`;
    const now = new Date("2026-05-01T10:00:30Z");
    for (let i = 0; i < 10; i++) await hitRateLimit(store, key, now, perMinute);
    expect(await peekRateLimit(store, key, now, perMinute)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await peekRateLimit(store, key, now, perMinute)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await peekRateLimit(store, key, new Date("2026-05-01T10:01:00Z"), perMinute)).toMatchObject({ allowed: true, remaining: 10 });
  });
});
