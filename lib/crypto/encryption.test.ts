import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SecretBox } from "./encryption";

const key = randomBytes(32).toString("base64");

describe("SecretBox (AES-256-GCM)", () => {
  it("decrypts what it encrypted", () => {
    const box = new SecretBox(key);
    const stored = box.encrypt("whsec_plaintext ✓ with unicode");
    expect(stored).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain("whsec_plaintext");
    expect(box.decrypt(stored)).toBe("whsec_plaintext ✓ with unicode");
  });

  it("uses a fresh IV for every encryption", () => {
    const box = new SecretBox(key);
    const a = box.encrypt("same");
    const b = box.encrypt("same");
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect([box.decrypt(a), box.decrypt(b)]).toEqual(["same", "same"]);
  });

  it("refuses a tampered ciphertext", () => {
    const box = new SecretBox(key);
    const [version, iv, data] = box.encrypt("do not touch").split(".");
    const bytes = Buffer.from(data, "base64url");
    bytes[0] ^= 0x01;
    expect(() => box.decrypt(`${version}.${iv}.${bytes.toString("base64url")}`)).toThrow();
  });

  it("refuses a tampered IV", () => {
    const box = new SecretBox(key);
    const [version, iv, data] = box.encrypt("do not touch").split(".");
    const ivBytes = Buffer.from(iv, "base64url");
    ivBytes[0] ^= 0x01;
    expect(() => box.decrypt(`${version}.${ivBytes.toString("base64url")}.${data}`)).toThrow();
  });

  it("refuses to decrypt with a different key", () => {
    const stored = new SecretBox(key).encrypt("for one key only");
    expect(() => new SecretBox(randomBytes(32).toString("base64")).decrypt(stored)).toThrow();
  });

  it("rejects a key that is not 32 bytes with a message saying how to make one", () => {
    expect(() => new SecretBox(randomBytes(16).toString("base64"))).toThrow(
      "APP_ENCRYPTION_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`).",
    );
    expect(() => new SecretBox("")).toThrow(/32 bytes/);
  });

  it("rejects stored values in an unknown format", () => {
    const box = new SecretBox(key);
    expect(() => box.decrypt("plaintext")).toThrow("Unrecognised encrypted secret format.");
    expect(() => box.decrypt("v2.abc.def")).toThrow("Unrecognised encrypted secret format.");
  });
});
