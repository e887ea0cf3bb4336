import { describe, expect, it } from "vitest";
import { RateLimitedError } from "@/lib/errors";
import type { RateLimitStore } from "@/lib/rate-limit";
import {
  SIGN_IN_PER_EMAIL,
  SIGN_IN_PER_IP,
  SIGN_UP_PER_IP,
  holdPasswordCheck,
  holdSignUp,
  ipBucket,
  tooManyAttempts,
} from "./throttle";

/** The limiter's contract in memory: one count per key and window. */
function memoryStore() {
  const counts = new Map<string, number>();
  const bucket = (key: string, windowStart: Date) => `${key}@${windowStart.getTime()}`;
  const store: RateLimitStore = {
    async hit(key, windowStart) {
      counts.set(bucket(key, windowStart), (counts.get(bucket(key, windowStart)) ?? 0) + 1);
      return counts.get(bucket(key, windowStart))!;
    },
    async count(key, windowStart) {
      return counts.get(bucket(key, windowStart)) ?? 0;
    },
    async refund(key, windowStart) {
      const count = counts.get(bucket(key, windowStart)) ?? 0;
      if (count > 0) counts.set(bucket(key, windowStart), count - 1);
    },
  };
  return {
    store,
    /** The keys that hold a count. */
    keys: () => [...counts.entries()].filter(([, count]) => count > 0).map(([k]) => k.split("@")[0]),
    total: () => [...counts.values()].reduce((sum, count) => sum + count, 0),
  };
}

// 4 minutes and 30 seconds into a 15-minute window.
const now = new Date(Math.ceil(Date.UTC(2030, 0, 1) / SIGN_IN_PER_EMAIL.windowMs) * SIGN_IN_PER_EMAIL.windowMs + 270_000);

async function refusal(attempt: () => Promise<unknown>): Promise<RateLimitedError | null> {
  try {
    await attempt();
    return null;
  } catch (error) {
    if (error instanceof RateLimitedError) return error;
    throw error;
  }
}

/** One failed sign-in: counted before the check, which failed, so never refunded. */
async function fail(store: RateLimitStore, who: { email: string | null; ip: string | null }, at = now) {
  await holdPasswordCheck(store, who, "sign-in", at);
}

/** One successful sign-in: counted before the check, refunded after it. */
async function succeed(store: RateLimitStore, who: { email: string | null; ip: string | null }, at = now) {
  await (await holdPasswordCheck(store, who, "sign-in", at)).refund();
}

describe("sign-in and sign-up limits", () => {
  it("are named constants: 10 failures per email and 50 per address in 15 minutes; sign-up 10 per address an hour", () => {
    expect(SIGN_IN_PER_EMAIL).toEqual({ limit: 10, windowMs: 15 * 60_000 });
    expect(SIGN_IN_PER_IP).toEqual({ limit: 50, windowMs: 15 * 60_000 });
    expect(SIGN_UP_PER_IP).toEqual({ limit: 10, windowMs: 60 * 60_000 });
  });

  it("refuses an email after 10 failed sign-ins, saying how many minutes to wait", async () => {
    const { store } = memoryStore();
    for (let i = 0; i < 10; i++) await fail(store, { email: "ada@example.test", ip: null });
    const error = await refusal(() => holdPasswordCheck(store, { email: "ADA@example.test", ip: null }, "sign-in", now));
    expect(error?.message).toBe("Too many sign-in attempts; try again in 11 minutes.");
    expect(error?.retryAfterSeconds).toBe(630);
    // Another email is not affected.
    await fail(store, { email: "grace@example.test", ip: null });
    // The next window starts afresh.
    await holdPasswordCheck(store, { email: "ada@example.test", ip: null }, "sign-in", new Date(now.getTime() + 630_000));
  });

  it("never keeps the count of a check that succeeded: it is refunded, once", async () => {
    const { store, keys } = memoryStore();
    for (let i = 0; i < 30; i++) await succeed(store, { email: "ada@example.test", ip: "203.0.113.7" });
    expect(keys()).toEqual([]);
    const held = await holdPasswordCheck(store, { email: "ada@example.test", ip: "203.0.113.7" }, "sign-in", now);
    await fail(store, { email: "ada@example.test", ip: "203.0.113.7" });
    await held.refund();
    await held.refund();
    expect(keys()).toEqual(["signin:ip:203.0.113.7", expect.stringMatching(/^signin:email:/)]);
  });

  it("counts a check before it runs: with the limit's checks in flight, the next attempt is refused", async () => {
    const { store, total } = memoryStore();
    const who = { email: "ada@example.test", ip: "203.0.113.7" };
    const held = await Promise.all(Array.from({ length: 10 }, () => holdPasswordCheck(store, who, "sign-in", now)));
    expect(await refusal(() => holdPasswordCheck(store, who, "sign-in", now))).toBeInstanceOf(RateLimitedError);
    // The refused attempt left nothing counted, for the email or the address.
    expect(total()).toBe(20);
    // One check succeeds and is refunded: room for one more.
    await held[0].refund();
    await holdPasswordCheck(store, who, "sign-in", now);
    expect(await refusal(() => holdPasswordCheck(store, who, "sign-in", now))).toBeInstanceOf(RateLimitedError);
  });

  it("refuses an address after 50 failed sign-ins, whatever the emails", async () => {
    const { store } = memoryStore();
    for (let i = 0; i < 50; i++) await fail(store, { email: `user${i}@example.test`, ip: "203.0.113.7" });
    const error = await refusal(() => holdPasswordCheck(store, { email: "fresh@example.test", ip: "203.0.113.7" }, "sign-in", now));
    expect(error?.message).toMatch(/^Too many sign-in attempts; try again in \d+ minutes\.$/);
    await holdPasswordCheck(store, { email: "fresh@example.test", ip: "198.51.100.2" }, "sign-in", now);
  });

  it("counts no address when none is known (no trusted proxy): only the email limit applies", async () => {
    const { store, keys } = memoryStore();
    for (let i = 0; i < 60; i++) await fail(store, { email: `user${i}@example.test`, ip: null });
    expect(keys().every((k) => k.startsWith("signin:email:"))).toBe(true);
  });

  it("keeps a digest of the email in the limiter's keys, never the address", async () => {
    const { store, keys } = memoryStore();
    await fail(store, { email: "ada@example.test", ip: "203.0.113.7" });
    expect(keys()).toEqual(["signin:ip:203.0.113.7", expect.stringMatching(/^signin:email:[0-9a-f]{32}$/)]);
    expect(keys().join()).not.toContain("ada");
  });

  it("refuses the 11th sign-up from one address in an hour", async () => {
    const { store } = memoryStore();
    // Each succeeds (its password check is refunded); the sign-up itself stays counted.
    for (let i = 0; i < 10; i++) await (await holdSignUp(store, { email: `new${i}@example.test`, ip: "203.0.113.7" }, now)).refund();
    const error = await refusal(() => holdSignUp(store, { email: "new10@example.test", ip: "203.0.113.7" }, now));
    expect(error?.message).toMatch(/^Too many sign-up attempts; try again in \d+ minutes\.$/);
  });

  it("refuses sign-ups with an email whose failed password checks are used up (a sign-up may check the password)", async () => {
    const { store } = memoryStore();
    for (let i = 0; i < 10; i++) await fail(store, { email: "ada@example.test", ip: null });
    expect(await refusal(() => holdSignUp(store, { email: "ada@example.test", ip: null }, now))).toBeInstanceOf(RateLimitedError);
  });

  it("refuses sign-ups from an address whose failed password checks are used up; the sign-up counts, no check does", async () => {
    const { store, keys, total } = memoryStore();
    for (let i = 0; i < 50; i++) await fail(store, { email: `user${i}@example.test`, ip: "203.0.113.7" });
    const before = total();
    const error = await refusal(() => holdSignUp(store, { email: "new@example.test", ip: "203.0.113.7" }, now));
    expect(error?.message).toMatch(/^Too many sign-up attempts; try again in \d+ minutes\.$/);
    expect(total()).toBe(before + 1);
    expect(keys()).toContain("signup:ip:203.0.113.7");
  });

  it("writes minutes, rounded up, at least one", () => {
    expect(tooManyAttempts("sign-in", 1)).toBe("Too many sign-in attempts; try again in 1 minute.");
    expect(tooManyAttempts("sign-in", 61)).toBe("Too many sign-in attempts; try again in 2 minutes.");
    expect(tooManyAttempts("sign-up", 3600)).toBe("Too many sign-up attempts; try again in 60 minutes.");
  });
});

describe("ipBucket", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6, and groups IPv6 by /64", () => {
    expect(ipBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(ipBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipBucket("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("2001:0db8:0001:0002::ffff")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipBucket("::1")).toBe("0:0:0:0::/64");
  });

  it("is null for no address or something else", () => {
    expect(ipBucket(null)).toBeNull();
    expect(ipBucket("")).toBeNull();
    expect(ipBucket("evil.example")).toBeNull();
  });
});
