// Sign-in is throttled per email and per client address, and the form says so: the real
// Credentials authorize() (lib/auth/authjs.ts) and the sign-in action (lib/actions/auth.ts),
// with next-auth replaced by a stand-in that keeps Auth.js's contract (./fake-next-auth.ts).
// Each attempt is counted before its password is checked, so concurrent attempts run at most
// the limit's checks (counted here as scrypt runs).
import * as crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signInWithPassword } from "@/lib/actions/auth";
import { passwordSignIn, signUp, signUpInput } from "@/lib/auth";
import { SIGN_IN_PER_EMAIL, SIGN_IN_PER_IP } from "@/lib/auth/throttle";
import type { OpenedDatabase } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
import { createTestDatabase } from "../helpers/db";

// One trusted proxy: the client address is the last X-Forwarded-For entry. Set before the
// configuration is first read, and put back for the next file.
const previous = vi.hoisted(() => {
  const value = process.env.TRUSTED_PROXIES;
  process.env.TRUSTED_PROXIES = "1";
  return value;
});

const request = vi.hoisted(() => ({ forwardedFor: "203.0.113.1" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": request.forwardedFor }) }));
vi.mock("next-auth", () => import("./fake-next-auth"));
vi.mock("next-auth/providers/credentials", async () => ({ default: (await import("./fake-next-auth")).credentialsProvider }));
vi.mock("next-auth/providers/github", async () => ({ default: (await import("./fake-next-auth")).githubProvider }));
vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const scrypt = vi.mocked(crypto.scrypt);

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
  for (const name of ["ada", "grace"]) {
    await signUp(opened.db, signUpInput.parse({ name, email: `${name}@example.test`, password: `${name}'s real password` }));
  }
});

afterAll(async () => {
  if (previous === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = previous;
  await opened?.close();
});

beforeEach(async () => {
  await opened.db.$executeRawUnsafe(`DELETE FROM "RateLimitBucket"`);
  request.forwardedFor = "203.0.113.1";
  scrypt.mockClear();
});

function attempt(email: string, password: string, callbackUrl = "/") {
  const form = new FormData();
  form.set("email", email);
  form.set("password", password);
  form.set("callbackUrl", callbackUrl);
  return signInWithPassword({}, form);
}

const TOO_MANY = /^Too many sign-in attempts; try again in \d+ minutes?\.$/;

describe("password sign-in throttle", () => {
  it("signs in with the right password and refuses a wrong one with the usual message", async () => {
    expect(await attempt("ada@example.test", "ada's real password")).toEqual({});
    expect(await attempt("ada@example.test", "wrong")).toEqual({ error: "Wrong email or password." });
    expect(await attempt("nobody@example.test", "wrong")).toEqual({ error: "Wrong email or password." });
  });

  it(`refuses the email after ${SIGN_IN_PER_EMAIL.limit} failed attempts, even with the right password`, async () => {
    // Successful sign-ins are free: many devices, one user, no lock-out.
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit + 5; i++) expect(await attempt("ada@example.test", "ada's real password")).toEqual({});
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit; i++) expect((await attempt("ada@example.test", `guess ${i}`)).error).toBe("Wrong email or password.");
    const refused = await attempt("ADA@example.test", "ada's real password");
    expect(refused.error).toMatch(TOO_MANY);
    // From another address too: the limit is the email's.
    request.forwardedFor = "198.51.100.7";
    expect((await attempt("ada@example.test", "ada's real password")).error).toMatch(TOO_MANY);
    // Other emails go on.
    expect(await attempt("grace@example.test", "grace's real password")).toEqual({});
  });

  it(`refuses an address after ${SIGN_IN_PER_IP.limit} failed attempts, whatever the emails; a forged left part changes nothing`, async () => {
    // Malformed emails count against the address too (and cost no scrypt run, which keeps this test quick).
    for (let i = 0; i < SIGN_IN_PER_IP.limit; i++) {
      request.forwardedFor = `10.9.8.${i}, 203.0.113.50`;
      const email = i % 10 === 0 ? `user${i}@example.test` : `not-an-email-${i}`;
      expect((await attempt(email, "wrong")).error).toBe("Wrong email or password.");
    }
    request.forwardedFor = "6.6.6.6, 203.0.113.50";
    expect((await attempt("grace@example.test", "grace's real password")).error).toMatch(TOO_MANY);
    request.forwardedFor = "203.0.113.51";
    expect(await attempt("grace@example.test", "grace's real password")).toEqual({});
  });

  it("counts only the email when no client address is known", async () => {
    request.forwardedFor = "";
    for (let i = 0; i < 12; i++) await passwordSignIn(opened.db, { email: `u${i}@example.test`, password: "x" }, null);
    const keys = await opened.db.$queryRawUnsafe<{ key: string }[]>(`SELECT key FROM "RateLimitBucket"`);
    expect(keys.every(({ key }) => key.startsWith("signin:email:"))).toBe(true);
  });

  it("throws RateLimitedError with the wait from passwordSignIn over the limit", async () => {
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit; i++) await passwordSignIn(opened.db, { email: "grace@example.test", password: "x" }, null);
    const error = await passwordSignIn(opened.db, { email: "grace@example.test", password: "x" }, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_PER_EMAIL.windowMs / 1000);
  });
});

describe("password sign-in throttle under concurrency", () => {
  const WRONG = "Wrong email or password.";

  it(`runs at most ${SIGN_IN_PER_EMAIL.limit} password checks out of 40 attempts at once for one email; the right password sent 26th is refused`, async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt("ada@example.test", i === 25 ? "ada's real password" : `guess ${i}`)),
    );
    expect(results.filter((r) => r.error === WRONG)).toHaveLength(SIGN_IN_PER_EMAIL.limit);
    expect(results.filter((r) => TOO_MANY.test(r.error ?? ""))).toHaveLength(40 - SIGN_IN_PER_EMAIL.limit);
    expect(results[25].error).toMatch(TOO_MANY);
    // Refused attempts never ran scrypt.
    expect(scrypt).toHaveBeenCalledTimes(SIGN_IN_PER_EMAIL.limit);
    // Nothing more once the attempts are over: the failures stay counted, the right password is refused.
    expect((await attempt("ada@example.test", "ada's real password")).error).toMatch(TOO_MANY);
  });

  it(`runs at most ${SIGN_IN_PER_IP.limit} checks out of 70 attempts at once from one address, whatever the emails`, async () => {
    request.forwardedFor = "203.0.113.60";
    // Malformed emails count against the address only, and cost no scrypt run, which keeps this test quick.
    const results = await Promise.all(Array.from({ length: 70 }, (_, i) => attempt(`not-an-email-${i}`, "wrong")));
    expect(results.filter((r) => r.error === WRONG)).toHaveLength(SIGN_IN_PER_IP.limit);
    expect(results.filter((r) => TOO_MANY.test(r.error ?? ""))).toHaveLength(70 - SIGN_IN_PER_IP.limit);
    expect((await attempt("grace@example.test", "grace's real password")).error).toMatch(TOO_MANY);
  });

  it("refunds a successful sign-in: after 9 failures, 11 sign-ins with the right password in a row all succeed", async () => {
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit - 1; i++) expect((await attempt("grace@example.test", `guess ${i}`)).error).toBe(WRONG);
    for (let i = 0; i < 11; i++) expect(await attempt("grace@example.test", "grace's real password")).toEqual({});
    // The successes left the count at 9: one more failure is checked, then the email is refused.
    expect((await attempt("grace@example.test", "guess 9")).error).toBe(WRONG);
    expect((await attempt("grace@example.test", "grace's real password")).error).toMatch(TOO_MANY);
  });

  it("counts an unknown email like a known one: one scrypt run per check, the same limit", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt("nobody@example.test", `guess ${i}`)));
    expect(results.filter((r) => r.error === WRONG)).toHaveLength(SIGN_IN_PER_EMAIL.limit);
    expect(scrypt).toHaveBeenCalledTimes(SIGN_IN_PER_EMAIL.limit);
  });
});
