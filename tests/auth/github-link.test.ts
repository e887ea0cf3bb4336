// GitHub sign-in links to an existing account only through an email GitHub reports as verified,
// and never creates a second account with an email that already has one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findOrCreateOAuthUser, signUp, signUpInput } from "@/lib/auth";
import type { OpenedDatabase } from "@/lib/db";
import { createTestDatabase } from "../helpers/db";

let opened: OpenedDatabase;
let adaId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  adaId = (await signUp(opened.db, signUpInput.parse({ name: "Ada", email: "ada@example.test", password: "a long password" }))).user.id;
});

afterAll(async () => {
  await opened?.close();
});

const github = (providerAccountId: string, email: string, emailVerified: boolean) => ({
  provider: "github",
  providerAccountId,
  email,
  emailVerified,
  name: "Octo",
});

const accountsOf = (userId: string) => opened.db.account.findMany({ where: { userId } });

describe("findOrCreateOAuthUser", () => {
  it("refuses an unverified email that has an account: no link, no second account", async () => {
    const result = await findOrCreateOAuthUser(opened.db, github("1001", "ADA@example.test", false));
    expect(result).toEqual({ ok: false, reason: "email_unverified" });
    expect(await accountsOf(adaId)).toEqual([]);
    expect(await opened.db.user.count({ where: { email: "ada@example.test" } })).toBe(1);
    expect(await opened.db.account.count({ where: { providerAccountId: "1001" } })).toBe(0);
  });

  it("refuses an unverified email without an account too: it must not claim the address", async () => {
    const result = await findOrCreateOAuthUser(opened.db, github("1002", "nobody@example.test", false));
    expect(result).toEqual({ ok: false, reason: "email_unverified" });
    expect(await opened.db.user.count({ where: { email: "nobody@example.test" } })).toBe(0);
  });

  it("links a verified email to the existing account", async () => {
    const result = await findOrCreateOAuthUser(opened.db, github("1003", "Ada@Example.test", true));
    expect(result).toMatchObject({ ok: true, user: { id: adaId } });
    expect((await accountsOf(adaId)).map((a) => a.providerAccountId)).toEqual(["1003"]);
    expect(await opened.db.user.count({ where: { email: "ada@example.test" } })).toBe(1);
  });

  it("signs a linked GitHub account in as its user, whatever email GitHub reports now", async () => {
    const result = await findOrCreateOAuthUser(opened.db, github("1003", "changed@example.test", false));
    expect(result).toMatchObject({ ok: true, user: { id: adaId } });
  });

  it("creates a user with a personal organization for a new verified email", async () => {
    const result = await findOrCreateOAuthUser(opened.db, github("1004", "octo@example.test", true));
    if (!result.ok) throw new Error("refused");
    expect(result.user).toMatchObject({ email: "octo@example.test", passwordHash: null });
    expect(await opened.db.membership.count({ where: { userId: result.user.id, role: "owner" } })).toBe(1);
  });
});
