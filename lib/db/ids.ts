// Public ids: a type prefix and a 26-character ULID ("proj_01JH…"). ULIDs sort by
// creation time, so cursor pagination can order by id alone.
import { randomFillSync } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32

export type IdPrefix =
  | "usr" | "acct" | "org" | "mem" | "key" | "aud" | "proj" | "dom" | "rule"
  | "bld" | "bsc" | "art" | "dep" | "ep" | "whsec" | "evt" | "del" | "att" | "inbox" | "req" | "inv";

const random = Buffer.alloc(16);

export function ulid(now = Date.now()): string {
  let out = "";
  let time = now;
  for (let i = 9; i >= 0; i--) {
    out = ALPHABET[time % 32] + out;
    time = Math.floor(time / 32);
  }
  randomFillSync(random);
  for (let i = 0; i < 16; i++) out += ALPHABET[random[i] % 32];
  return out;
}

export function newId(prefix: IdPrefix, now?: number): string {
  return `${prefix}_${ulid(now)}`;
}

const ID_SHAPE = /^[a-z]{2,6}_[0-9A-HJKMNP-TV-Z]{26}$/;

/** Whether `value` has the shape of an id this app makes: anything else cannot name a row. */
export function isPublicId(value: string): boolean {
  return ID_SHAPE.test(value);
}
