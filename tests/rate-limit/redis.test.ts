// The Redis store (REDIS_URL) counts, and takes hits back, like the database store.
import Redis from "ioredis";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { hitRateLimit, peekRateLimit, redisStore, refundRateLimit } from "@/lib/rate-limit";

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

  it("takes one hit back per refund, so one more hit passes", async () => {
    const store = redisStore(redis!);
    const key = `signin:${randomUUID()}`;
    const now = new Date("2026-05-01T10:00:30Z");
    for (let i = 0; i < 10; i++) await hitRateLimit(store, key, now, perMinute);
    await refundRateLimit(store, key, now, perMinute);
    expect(await peekRateLimit(store, key, now, perMinute)).toMatchObject({ allowed: true, remaining: 1 });
    expect((await hitRateLimit(store, key, now, perMinute)).allowed).toBe(true);
    expect((await hitRateLimit(store, key, now, perMinute)).allowed).toBe(false);
  });

  it("never goes below zero, creates no bucket it has not counted, and keeps the bucket's expiry", async () => {
    const store = redisStore(redis!);
    const key = `signin:${randomUUID()}`;
    const now = new Date("2026-05-01T10:00:30Z");
    const windowStart = new Date("2026-05-01T10:00:00Z").getTime();
    await refundRateLimit(store, key, now, perMinute);
    expect(await redis!.exists(`cc:ratelimit:${key}:${windowStart}`)).toBe(0);
    await hitRateLimit(store, key, now, perMinute);
    await Promise.all(Array.from({ length: 5 }, () => refundRateLimit(store, key, now, perMinute)));
    expect(await redis!.get(`cc:ratelimit:${key}:${windowStart}`)).toBe("0");
    expect(await redis!.pttl(`cc:ratelimit:${key}:${windowStart}`)).toBeGreaterThan(0);
    expect(await hitRateLimit(store, key, now, perMinute)).toMatchObject({ allowed: true, remaining: 9 });
  });

  it("refunds only in the hit's window", async () => {
    const store = redisStore(redis!);
    const key = `signin:${randomUUID()}`;
    await hitRateLimit(store, key, new Date("2026-05-01T10:00:30Z"), perMinute);
    await hitRateLimit(store, key, new Date("2026-05-01T10:01:10Z"), perMinute);
    await refundRateLimit(store, key, new Date("2026-05-01T10:00:30Z"), perMinute);
    await refundRateLimit(store, key, new Date("2026-05-01T10:00:30Z"), perMinute);
    expect(await peekRateLimit(store, key, new Date("2026-05-01T10:01:10Z"), perMinute)).toMatchObject({ remaining: 9 });
  });

  it("lets exactly the limit through out of 40 concurrent hits, and stays exact with refunds racing them", async () => {
    const store = redisStore(redis!);
    const key = `signin:${randomUUID()}`;
    const now = new Date("2026-05-01T10:00:30Z");
    const first = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit(store, key, now, perMinute)));
    expect(first.filter((r) => r.allowed)).toHaveLength(10);

    const raced = `signin:${randomUUID()}`;
    const attempts = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const result = await hitRateLimit(store, raced, now, perMinute);
        if (result.allowed) await refundRateLimit(store, raced, now, perMinute);
        return result.allowed;
      }),
    );
    const allowed = attempts.filter(Boolean).length;
    expect(allowed).toBeGreaterThanOrEqual(10);
    // Every refused hit stays counted (raw limiter use), every allowed one was taken back.
    expect(Number(await redis!.get(`cc:ratelimit:${raced}:${new Date("2026-05-01T10:00:00Z").getTime()}`))).toBe(40 - allowed);
  });
});
