import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the password it hashed", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
  });

  it("rejects a wrong password", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("stores scrypt parameters, a 16-byte salt and a 32-byte hash, never the password", async () => {
    const stored = await hashPassword("s3cret-passphrase");
    expect(stored).not.toContain("s3cret-passphrase");
    const [kind, n, r, p, salt, hash] = stored.split("$");
    expect([kind, n, r, p]).toEqual(["scrypt", String(2 ** 15), "8", "1"]);
    expect(Buffer.from(salt, "base64")).toHaveLength(16);
    expect(Buffer.from(hash, "base64")).toHaveLength(32);
  });

  it("salts every hash, so two hashes of the same password differ and both verify", async () => {
    const first = await hashPassword("same password twice");
    const second = await hashPassword("same password twice");
    expect(first).not.toBe(second);
    expect(await verifyPassword("same password twice", first)).toBe(true);
    expect(await verifyPassword("same password twice", second)).toBe(true);
  });

  it("rejects stored values that are not scrypt hashes", async () => {
    expect(await verifyPassword("anything", "")).toBe(false);
    expect(await verifyPassword("anything", "bcrypt$10$abc$def")).toBe(false);
    expect(await verifyPassword("anything", "scrypt$32768$8$1$")).toBe(false);
  });

  it("verifies hashes stored with other scrypt parameters", async () => {
    // Parameters live in the stored string, so they can be raised later without breaking old hashes.
    const { scryptSync } = await import("node:crypto");
    const salt = Buffer.alloc(16, 1);
    const hash = scryptSync("older hash", salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const stored = `scrypt$${2 ** 14}$8$1$${salt.toString("base64")}$${hash.toString("base64")}`;
    expect(await verifyPassword("older hash", stored)).toBe(true);
    expect(await verifyPassword("newer hash", stored)).toBe(false);
  });

  it("treats a stored hash with damaged parameters as a failed sign-in, not a crash", async () => {
    const salt = Buffer.alloc(16, 2).toString("base64");
    const hash = Buffer.alloc(32, 3).toString("base64");
    expect(await verifyPassword("x", `scrypt$abc$8$1$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword("x", `scrypt$1000$8$1$${salt}$${hash}`)).toBe(false);
    expect(await verifyPassword("x", `scrypt$${2 ** 30}$8$1$${salt}$${hash}`)).toBe(false);
  });
});
