// Sign-up does not tell whether an email has an account (docs/security.md#sessions-and-passwords):
// an email with an account and its password signs that user in; every refusal is one identical
// answer, and every path runs scrypt exactly once. Sign-ups are throttled per address and, for
// the password check, per email: counted first, so concurrent sign-ups pass at most the limits.
import * as crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signUpWithPasswordForm } from "./sign-up-form";
import { SIGN_UP_REFUSED, signUp, signUpInput, signUpOrSignIn } from "@/lib/auth";
import { SIGN_IN_PER_EMAIL, SIGN_UP_PER_IP } from "@/lib/auth/throttle";
import type { Db, OpenedDatabase } from "@/lib/db";
import { RateLimitedError } from "@/lib/errors";
import { createTestDatabase } from "../helpers/db";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const scrypt = vi.mocked(crypto.scrypt);

// The action's collaborators outside a request: its database, request headers, and Auth.js's signIn.
const state = vi.hoisted(() => ({ db: null as unknown }));
vi.mock("@/lib/db", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/db")>()), getDb: async () => state.db }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9", "user-agent": "test" }) }));
const signIn = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock("next-auth", () => import("./fake-next-auth"));
vi.mock("@/lib/auth/authjs", () => ({ signIn, signOut: vi.fn(), throttledSignInSeconds: () => null }));

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
  state.db = opened.db;
  await signUp(opened.db, signUpInput.parse({ name: "Ada", email: "ada@example.test", password: "ada's real password" }));
  await opened.db.user.create({ data: { id: "usr_octo", email: "octo@example.test", name: "Octo" } }); // GitHub only
});

afterAll(async () => {
  await opened?.close();
});

beforeEach(() => {
  state.db = opened.db;
  scrypt.mockClear();
  signIn.mockClear();
});

/**
 * The database as a sign-up racing another for the same email sees it: the email is free when
 * checked, and the other sign-up inserts it right after, before this one's insert.
 */
function racing(db: Db): Db {
  const bind = (target: object, prop: string | symbol) => {
    const value = Reflect.get(target, prop);
    return typeof value === "function" ? value.bind(target) : value;
  };
  const findUnique = async ({ where }: { where: { email: string } }) => {
    await db.user.create({ data: { id: `usr_winner_${where.email.split("@")[0]}`, email: where.email, name: "The other sign-up" } });
    return null;
  };
  const users = new Proxy(db.user, { get: (target, prop) => (prop === "findUnique" ? findUnique : bind(target, prop)) });
  return new Proxy(db, { get: (target, prop) => (prop === "user" ? users : bind(target, prop)) });
}

const input = (email: string, password: string) => signUpInput.parse({ name: "Someone", email, password });
const orgCount = () => opened.db.organization.count();

describe("signUpOrSignIn", () => {
  it("creates a new email's account with a personal organization: one scrypt run", async () => {
    const outcome = await signUpOrSignIn(opened.db, input("new@example.test", "a new long password"), null);
    expect(outcome).toMatchObject({ ok: true, userId: expect.stringMatching(/^usr_/), organizationId: expect.stringMatching(/^org_/) });
    expect(scrypt).toHaveBeenCalledTimes(1);
  });

  it("signs in the user of an existing email with its password, creating nothing: one scrypt run", async () => {
    const before = await orgCount();
    const ada = await opened.db.user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    expect(await signUpOrSignIn(opened.db, input("ADA@example.test", "ada's real password"), null)).toEqual({
      ok: true,
      userId: ada.id,
      organizationId: null,
    });
    expect(await orgCount()).toBe(before);
    expect(scrypt).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["an existing email with a wrong password", () => opened.db, "ada@example.test"],
    ["an existing account without a password", () => opened.db, "octo@example.test"],
    ["a sign-up racing another for the same email", () => racing(opened.db), "racer@example.test"],
  ])("refuses %s with the same { ok: false }, one scrypt run, nothing created", async (_case, db, email) => {
    const orgs = await orgCount();
    expect(await signUpOrSignIn(db(), input(email, "some other password"), null)).toEqual({ ok: false });
    expect(scrypt).toHaveBeenCalledTimes(1);
    expect(await orgCount()).toBe(orgs);
    expect(await opened.db.user.count({ where: { email } })).toBe(1);
  });
});

describe("the sign-up form's action", () => {
  it("answers an existing email with a wrong password exactly as a sign-up refused for another reason", async () => {
    const kdfRuns: number[] = [];
    const answer = async (email: string, db: Db = opened.db) => {
      state.db = db;
      scrypt.mockClear();
      const result = await signUpWithPasswordForm("Mallory", email, "guessing a password");
      kdfRuns.push(scrypt.mock.calls.length);
      return result;
    };
    const existing = await answer("ada@example.test");
    const racingAnswer = await answer("grace@example.test", racing(opened.db));
    const githubOnly = await answer("octo@example.test");
    expect(kdfRuns).toEqual([1, 1, 1]);

    expect(existing).toEqual({ error: SIGN_UP_REFUSED });
    expect(racingAnswer).toEqual(existing);
    expect(githubOnly).toEqual(existing);
    expect(SIGN_UP_REFUSED).toBe("Could not create the account with these details. If you already have an account, sign in.");
    expect(JSON.stringify(existing)).not.toMatch(/exists|taken|already has/i);
    expect(signIn).not.toHaveBeenCalled();
  });

  it("signs in after a sign-up with an existing email and its password, like after a new sign-up", async () => {
    expect(await signUpWithPasswordForm("Ada", "ada@example.test", "ada's real password")).toEqual({});
    expect(await signUpWithPasswordForm("Lin", "lin@example.test", "lin's long password")).toEqual({});
    expect(signIn.mock.calls.map((call) => (call as unknown[])[0])).toEqual(["credentials", "credentials"]);
    expect(signIn.mock.calls[0]).toEqual(["credentials", { email: "ada@example.test", password: "ada's real password", redirectTo: "/" }]);
    expect(signIn.mock.calls[1]).toEqual([
      "credentials",
      { email: "lin@example.test", password: "lin's long password", redirectTo: expect.stringMatching(/^\/orgs\/org_/) },
    ]);
  });
});

describe("sign-up throttle under concurrency", () => {
  const outcomes = (results: unknown[]) => ({
    created: results.filter((r) => (r as { ok?: boolean }).ok === true).length,
    refused: results.filter((r) => (r as { ok?: boolean }).ok === false).length,
    limited: results.filter((r) => r instanceof RateLimitedError).length,
  });

  it(`checks at most ${SIGN_IN_PER_EMAIL.limit} passwords out of 30 sign-ups at once with an email that has an account`, async () => {
    await signUp(opened.db, input("hopper@example.test", "hopper's real password"));
    scrypt.mockClear();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        signUpOrSignIn(opened.db, input("hopper@example.test", i === 20 ? "hopper's real password" : `guess number ${i}`), null).catch((e: unknown) => e),
      ),
    );
    expect(outcomes(results)).toEqual({ created: 0, refused: SIGN_IN_PER_EMAIL.limit, limited: 30 - SIGN_IN_PER_EMAIL.limit });
    expect(results[20]).toBeInstanceOf(RateLimitedError);
    expect((results[20] as RateLimitedError).message).toMatch(/^Too many sign-up attempts; try again in \d+ minutes?\.$/);
    expect(scrypt).toHaveBeenCalledTimes(SIGN_IN_PER_EMAIL.limit);
  });

  it(`creates at most ${SIGN_UP_PER_IP.limit} accounts out of 30 sign-ups at once from one address`, async () => {
    const before = await orgCount();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signUpOrSignIn(opened.db, input(`burst${i}@example.test`, "a new long password"), "198.51.100.30").catch((e: unknown) => e)),
    );
    expect(outcomes(results)).toEqual({ created: SIGN_UP_PER_IP.limit, refused: 0, limited: 30 - SIGN_UP_PER_IP.limit });
    expect(await orgCount()).toBe(before + SIGN_UP_PER_IP.limit);
    expect(await opened.db.user.count({ where: { email: { startsWith: "burst" } } })).toBe(SIGN_UP_PER_IP.limit);
    expect(scrypt).toHaveBeenCalledTimes(SIGN_UP_PER_IP.limit);
  });

  it("refunds a sign-up that signs in: after 9 wrong passwords, 11 with the right one in a row all succeed", async () => {
    await signUp(opened.db, input("lamarr@example.test", "lamarr's real password"));
    for (let i = 0; i < SIGN_IN_PER_EMAIL.limit - 1; i++) {
      expect(await signUpOrSignIn(opened.db, input("lamarr@example.test", `guess number ${i}`), null)).toEqual({ ok: false });
    }
    for (let i = 0; i < 11; i++) expect(await signUpOrSignIn(opened.db, input("lamarr@example.test", "lamarr's real password"), null)).toMatchObject({ ok: true });
    expect(await signUpOrSignIn(opened.db, input("lamarr@example.test", "guess number 9"), null)).toEqual({ ok: false });
    await expect(signUpOrSignIn(opened.db, input("lamarr@example.test", "lamarr's real password"), null)).rejects.toBeInstanceOf(RateLimitedError);
  });
});
