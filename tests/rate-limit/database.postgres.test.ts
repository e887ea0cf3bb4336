// The trigger limit holds across app instances: two clients on one PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type OpenedDatabase } from "@/lib/db";
import { databaseStore, hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import { createPostgresDatabase } from "../helpers/db";

const perMinute = { limit: 10, windowMs: 60_000 };

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let a: OpenedDatabase;
let b: OpenedDatabase;

beforeAll(async () => {
  database = await createPostgresDatabase();
  a = await openPostgres(database.url, { max: 4 });
  b = await openPostgres(database.url, { max: 4 });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await database?.drop();
});

describe("rate limit across instances", () => {
  it("lets exactly 10 of 20 concurrent triggers through when two instances share the database", async () => {
    const now = new Date();
    const stores = [databaseStore(a.db), databaseStore(b.db)];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => hitRateLimit(stores[i % 2], "trigger:proj_shared", now, perMinute)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    // Peeking counts nothing, from either instance.
    expect(await peekRateLimit(stores[1], "trigger:proj_shared", now, perMinute)).toMatchObject({ allowed: false, remaining: 0 });
    expect(await peekRateLimit(stores[0], "trigger:proj_shared", now, perMinute)).toMatchObject({ allowed: false, remaining: 0 });
    // A new minute starts a new window.
    const later = await hitRateLimit(stores[0], "trigger:proj_shared", new Date(now.getTime() + 60_000), perMinute);
    expect(later).toMatchObject({ allowed: true, remaining: 9 });
    expect(await peekRateLimit(stores[1], "trigger:proj_shared", new Date(now.getTime() + 60_000), perMinute)).toMatchObject({ allowed: true, remaining: 9 });
  });
});
