// Password hashing with scrypt (memory-hard, built into Node): N=2^15, r=8, p=1 uses 32 MiB.
// Stored as "scrypt$N$r$p$<salt b64>$<hash b64>" so parameters can be raised later.
import "server-only";
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;

function maxmem(N: number, r: number) {
  return 128 * N * r * 2;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = PARAMS;
  const hash = await scrypt(password, salt, KEY_LENGTH, { N, r, p, maxmem: maxmem(N, r) });
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64")}$${hash.toString("base64")}`;
}

/**
 * A well-formed hash with the current parameters that no password matches (its key is all
 * zeros). Checking a password against it costs one scrypt run, like a real check: an unknown
 * email or an account without a password answers as slowly as a wrong password.
 */
export const DUMMY_PASSWORD_HASH = `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${Buffer.alloc(16, 0x5a).toString("base64")}$${Buffer.alloc(KEY_LENGTH).toString("base64")}`;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split("$");
  if (kind !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  // A damaged stored hash is a failed sign-in, not a crash.
  const sane = Number.isInteger(N) && N >= 2 && N <= 2 ** 20 && (N & (N - 1)) === 0 && R >= 1 && R <= 32 && P >= 1 && P <= 16;
  if (!sane || expected.length < 16) return false;
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, { N, r: R, p: P, maxmem: maxmem(N, R) });
  return timingSafeEqual(actual, expected);
}
