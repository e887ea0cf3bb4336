// What a test inbox may hold and how long it lives (docs/delivery.md#test-inbox): live inboxes
// and creations per organization, stored bytes per inbox and per organization (the oldest
// requests make room, a new one is always kept), and a lifetime each request extends only up
// to a fixed bound. Counted under one lock per organization taken inside the caller's
// transaction, so parallel creations and requests never overshoot.
import "server-only";
import type { Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { enforceRateLimit, refundRateLimit, type RateLimitStore, type RateRule } from "@/lib/rate-limit";
import {
  INBOX_CREATIONS_PER_HOUR,
  INBOX_LIFETIME_DAYS,
  INBOX_MAX_LIFETIME_DAYS,
  INBOX_REQUEST_LIMIT,
  INBOX_STORAGE_LIMIT,
  INBOXES_PER_ORGANIZATION,
  ORGANIZATION_INBOX_STORAGE_LIMIT,
} from "./inbox-schemas";

const DAY_MS = 24 * 3600 * 1000;
const CREATION_RULE: RateRule = { limit: INBOX_CREATIONS_PER_HOUR, windowMs: 3600 * 1000 };
// The first key of the two-key advisory lock: "inbx". The second is the organization's.
const INBOX_LOCK_SPACE = 0x696e6278;

const creationKey = (orgId: string) => `inbox-create:${orgId}`;

/**
 * Counts one creation against the organization's hourly budget (429 over it). Counted before
 * the work, so parallel creations get at most the budget through; `refundInboxCreation` takes
 * it back when the creation is refused after all.
 */
export async function chargeInboxCreation(store: RateLimitStore, orgId: string, now: Date): Promise<void> {
  await enforceRateLimit(store, creationKey(orgId), now, CREATION_RULE, (r) => {
    const minutes = Math.ceil(r.resetSeconds / 60);
    return `This organization may create at most ${r.limit} test inboxes an hour. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}, or reuse one of its inboxes.`;
  });
}

/** Takes back a creation chargeInboxCreation counted with the same `now`, when it was refused after all. */
export function refundInboxCreation(store: RateLimitStore, orgId: string, now: Date): Promise<void> {
  return refundRateLimit(store, creationKey(orgId), now, CREATION_RULE);
}

/** Until the transaction ends, no other creation or request of the organization's inboxes is counted. */
export async function lockOrganizationInboxes(tx: Tx, orgId: string): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1::int, hashtext($2))`, INBOX_LOCK_SPACE, orgId);
}

/**
 * Deletes the organization's expired inboxes and refuses (409) when INBOXES_PER_ORGANIZATION
 * are still open. Call it under lockOrganizationInboxes.
 */
export async function ensureRoomForInbox(tx: Tx, orgId: string, now: Date): Promise<void> {
  // Expired inboxes go now: nothing can see them any more. One statement: the delete and the count
  // read the same snapshot, and the count only counts open ones.
  const [{ live }] = await tx.$queryRawUnsafe<{ live: number }[]>(
    `WITH expired AS (DELETE FROM "Inbox" WHERE "organizationId" = $1 AND "expiresAt" <= $2::timestamp(3))
     SELECT count(*)::int AS live FROM "Inbox" WHERE "organizationId" = $1 AND "expiresAt" > $2::timestamp(3)`,
    orgId,
    now.toISOString(),
  );
  if (live < INBOXES_PER_ORGANIZATION) return;
  const most = live === INBOXES_PER_ORGANIZATION ? ", the most it may have" : `; ${INBOXES_PER_ORGANIZATION} is the most it may have`;
  throw new ConflictError(
    `This organization has ${live} test inboxes${most}. Delete one on the Test inbox page (or with DELETE /api/v1/inboxes/{id}) or wait until one expires.`,
  );
}

/** The bytes a recorded request counts for: its body and its header names and values, in UTF-8. */
export function requestBytes(headers: Record<string, string>, body: string): number {
  let bytes = Buffer.byteLength(body);
  for (const [name, value] of Object.entries(headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}

/**
 * After `keptId` was recorded in `inboxId`: deletes, oldest first, the inbox's requests beyond the
 * newest INBOX_REQUEST_LIMIT, beyond INBOX_STORAGE_LIMIT bytes, or older than the lifetime, then the
 * organization's (any inbox's) beyond ORGANIZATION_INBOX_STORAGE_LIMIT bytes. `keptId` itself always
 * stays (a request is at most 256 KiB of body and 100 headers, well under either limit). One
 * statement over the size column; bodies are not read. Call it under lockOrganizationInboxes.
 */
export async function trimInboxStorage(tx: Tx, orgId: string, inboxId: string, keptId: string, now: Date): Promise<number> {
  // Ids are ULIDs of the receipt time: newest first is `id DESC`. Running sums newest first keep
  // the longest run of newest requests that fits, which is what dropping the oldest first leaves.
  return tx.$executeRawUnsafe(
    `WITH ranked AS (
       SELECT r.id, r.bytes,
              r.id <> $3 AND r."inboxId" = $2 AND (
                row_number() OVER newest > $4 OR sum(r.bytes) OVER newest > $5 OR r."receivedAt" < $7::timestamp(3)
              ) AS over_inbox
         FROM "InboxRequest" r JOIN "Inbox" i ON i.id = r."inboxId"
        WHERE i."organizationId" = $1
       WINDOW newest AS (PARTITION BY r."inboxId" ORDER BY r.id DESC)
     ), counted AS (
       SELECT id, over_inbox, sum(CASE WHEN over_inbox THEN 0 ELSE bytes END) OVER (ORDER BY id DESC) AS org_bytes FROM ranked
     )
     DELETE FROM "InboxRequest" WHERE id IN (SELECT id FROM counted WHERE id <> $3 AND (over_inbox OR org_bytes > $6))`,
    orgId,
    inboxId,
    keptId,
    INBOX_REQUEST_LIMIT,
    INBOX_STORAGE_LIMIT,
    ORGANIZATION_INBOX_STORAGE_LIMIT,
    new Date(now.getTime() - INBOX_LIFETIME_DAYS * DAY_MS).toISOString(),
  );
}

/** When an inbox created at `createdAt` expires once it takes a request at `now`. */
export function extendedExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + INBOX_LIFETIME_DAYS * DAY_MS, createdAt.getTime() + INBOX_MAX_LIFETIME_DAYS * DAY_MS));
}

/** When a new inbox expires unless it takes requests. */
export function initialExpiry(now: Date): Date {
  return new Date(now.getTime() + INBOX_LIFETIME_DAYS * DAY_MS);
}
