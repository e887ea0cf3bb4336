// An unknown email costs what a wrong password costs: one scrypt run in every case (counted, not timed).
import * as crypto from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "./password";
import { verifyCredentials } from "./users";

vi.mock("node:crypto", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:crypto")>();
  return { ...actual, scrypt: vi.fn(actual.scrypt) };
});
const scrypt = vi.mocked(crypto.scrypt);

type Row = { id: string; email: string; name: string; passwordHash: string | null };
const rows = new Map<string, Row>();
const db = {
  user: { findUnique: async ({ where }: { where: { email: string } }) => rows.get(where.email) ?? null },
} as unknown as Db;

beforeAll(async () => {
  rows.set("ada@example.test", { id: "usr_ada", email: "ada@example.test", name: "Ada", passwordHash: await hashPassword("the right password") });
  rows.set("octo@example.test", { id: "usr_octo", email: "octo@example.test", name: "Octo", passwordHash: null });
});

beforeEach(() => {
  scrypt.mockClear();
});

describe("verifyCredentials", () => {
  it.each([
    ["the right password", "ada@example.test", "the right password", "usr_ada"],
    ["a wrong password", "ada@example.test", "a wrong password", null],
    ["an unknown email", "nobody@example.test", "the right password", null],
    ["an account without a password (GitHub only)", "octo@example.test", "anything at all", null],
  ])("runs scrypt exactly once for %s", async (_case, email, password, expected) => {
    const user = await verifyCredentials(db, email, password);
    expect(user?.id ?? null).toBe(expected);
    expect(scrypt).toHaveBeenCalledTimes(1);
  });

  it("checks an unknown email against the dummy hash, with the same parameters as a real one", async () => {
    await verifyCredentials(db, "nobody@example.test", "pw");
    const [, salt, keylen, options] = scrypt.mock.calls[0];
    expect(Buffer.from(salt as Buffer).toString("base64")).toBe(DUMMY_PASSWORD_HASH.split("$")[4]);
    expect(keylen).toBe(32);
    expect(options).toMatchObject({ N: 2 ** 15, r: 8, p: 1 });
    expect(DUMMY_PASSWORD_HASH.split("$").slice(0, 4)).toEqual((await hashPassword("x")).split("$").slice(0, 4));
  });

  it("never accepts any password against the dummy hash", async () => {
    for (const guess of ["", "password", DUMMY_PASSWORD_HASH]) expect(await verifyPassword(guess, DUMMY_PASSWORD_HASH)).toBe(false);
  });
});
