// AES-256-GCM for secrets at rest (endpoint signing secrets, trigger and GitHub secrets).
// Stored form: "v1.<iv b64url>.<ciphertext+tag b64url>".
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export class SecretBox {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    const key = Buffer.from(base64Key, "base64");
    if (key.length !== 32) {
      throw new Error("APP_ENCRYPTION_KEY must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`).");
    }
    this.key = key;
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `v1.${iv.toString("base64url")}.${data.toString("base64url")}`;
  }

  decrypt(stored: string): string {
    const [version, ivPart, dataPart] = stored.split(".");
    if (version !== "v1" || !ivPart || !dataPart) throw new Error("Unrecognised encrypted secret format.");
    const data = Buffer.from(dataPart, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(ivPart, "base64url"));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
  }
}
