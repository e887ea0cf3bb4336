// Public ids: a type prefix and a 26-character ULID ("proj_01JH…"). ULIDs sort by
// creation time, so cursor pagination can order by id alone.
import { randomFillSync } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32

export type IdPrefix =
  | "usr" | "acct" | "org" | "mem" | "key" | "aud" | "proj" | "dom" | "rule"
  | "bld" | "bsc" | "art" | "dep" | "ep" | "whsec" | "evt" | "del" | "att" | "inbox" | "req" | "inv";

const random = Buffer.alloc(16);
// The random part of the last id, as base-32 digits, and its time: ids made in the same
// millisecond count up from it, so they sort in the order they were made (an ordered
// endpoint's deliveries go out in that order — docs/delivery.md#delivery-policy).
const lastDigits = new Array<number>(16).fill(0);
let lastTime = -1;

function nextDigits(time: number) {
  if (time === lastTime) {
    // Increment as a base-32 number; on the (astronomically unlikely) overflow, start afresh.
    let i = 15;
    while (i >= 0 && lastDigits[i] === 31) lastDigits[i--] = 0;
    if (i >= 0) {
      lastDigits[i]++;
      return lastDigits;
    }
  }
  randomFillSync(random);
  // The top bit stays clear, leaving room to count up within the millisecond.
  for (let i = 0; i < 16; i++) lastDigits[i] = random[i] % (i === 0 ? 16 : 32);
  lastTime = time;
  return lastDigits;
}

export function ulid(now = Date.now()): string {
  let out = "";
  let time = now;
  for (let i = 9; i >= 0; i--) {
    out = ALPHABET[time % 32] + out;
    time = Math.floor(time / 32);
  }
  for (const digit of nextDigits(now)) out += ALPHABET[digit];
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
