// The database store counts atomically and takes hits back (refunds) atomically, on the test
// engine (PGlite, and PostgreSQL in the postgres project): concurrent hits let exactly the limit
// through, a refund frees one place in its own window only, and a count never goes below zero.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "@/lib/db";
import { databaseStore, hitRateLimit, peekRateLimit, refundRateLimit, type RateLimitStore } from "@/lib/rate-limit";
import { createTestDatabase } from "../helpers/db";

const perMinute = { limit: 10, windowMs: 60_000 };
const now = new Date("2031-03-03T10:00:30Z");
const nextMinute = new Date("2031-03-03T10:01:00Z");

let opened: OpenedDatabase;
let store: RateLimitStore;

beforeAll(async () => {
  opened = await createTestDatabase();
  store = databaseStore(opened.db);
});
afterAll(async () => {
  await opened?.close();
});

const bucket = (key: string) => opened.db.rateLimitBucket.findUnique({ where: { key } });

describe("database rate-limit store", () => {
  it("lets exactly the limit through out of 40 concurrent hits", async () => {
    const results = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit(store, "concurrent", now, perMinute)));
    expect(results.filter((r) => r.allowed)).toHaveLength(perMinute.limit);
  });

  it("takes one hit back per refund, so one more hit passes", async () => {
    for (let i = 0; i < perMinute.limit; i++) await hitRateLimit(store, "refund", now, perMinute);
    expect((await hitRateLimit(store, "refund", now, perMinute)).allowed).toBe(false);
    await refundRateLimit(store, "refund", now, perMinute);
    await refundRateLimit(store, "refund", now, perMinute);
    expect(await peekRateLimit(store, "refund", now, perMinute)).toMatchObject({ allowed: true, remaining: 1 });
    expect((await hitRateLimit(store, "refund", now, perMinute)).allowed).toBe(true);
    expect((await hitRateLimit(store, "refund", now, perMinute)).allowed).toBe(false);
  });

  it("never goes below zero, and creates nothing for a key it has not counted", async () => {
    await refundRateLimit(store, "never-hit", now, perMinute);
    expect(await bucket("never-hit")).toBeNull();
    await hitRateLimit(store, "floor", now, perMinute);
    await Promise.all(Array.from({ length: 5 }, () => refundRateLimit(store, "floor", now, perMinute)));
    expect((await bucket("floor"))?.count).toBe(0);
    expect(await hitRateLimit(store, "floor", now, perMinute)).toMatchObject({ allowed: true, remaining: 9 });
  });

  it("refunds only in the hit's window: once the key has moved on, a late refund changes nothing", async () => {
    await hitRateLimit(store, "window", now, perMinute);
    await hitRateLimit(store, "window", nextMinute, perMinute);
    await refundRateLimit(store, "window", now, perMinute);
    expect(await bucket("window")).toMatchObject({ windowStart: nextMinute, count: 1 });
  });

  it("stays exact with hits and refunds racing: 40 attempts at once, each allowed one refunded", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const result = await hitRateLimit(store, "race", now, perMinute);
        if (result.allowed) await refundRateLimit(store, "race", now, perMinute);
        return result.allowed;
      }),
    );
    const allowed = attempts.filter(Boolean).length;
    expect(allowed).toBeGreaterThanOrEqual(perMinute.limit);
    // Every refused hit stays counted (raw limiter use), every allowed one was taken back.
    expect((await bucket("race"))?.count).toBe(40 - allowed);
  });
});
