// Delivery log retention (docs/delivery.md#retention): deliveries (their attempts cascade) and messages older than
// the retention period are deleted in bounded batches, so one run never holds a long lock.
// Pending deliveries are never pruned (they are still owed an attempt), nor are messages
// that still have a delivery in the log (a recent replay of an old event keeps its message).
// The endpoint health rollup keeps 8 days whatever the log's retention (docs/delivery.md#endpoint-health).
import type { Db } from "@/lib/db";

export const PRUNE_BATCH_SIZE = 1000;

export interface PruneCounts {
  deliveries: number;
  messages: number;
}

/** The oldest createdAt kept. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  return new Date(now.getTime() - retentionDays * 24 * 3600 * 1000);
}

/**
 * Deletes at most `batchSize` deliveries created before `cutoff`, then, once none are left,
 * at most `batchSize` messages. `done` says whether anything may be left to prune.
 */
export async function pruneDeliveryLogBatch(db: Db, cutoff: Date, batchSize = PRUNE_BATCH_SIZE): Promise<PruneCounts & { done: boolean }> {
  const deliveries = await db.$executeRawUnsafe(
    // ANY(ARRAY(…)) rather than IN (…): the rows are found by primary key, never by a hash join over the table.
    `DELETE FROM "Delivery" WHERE id = ANY(ARRAY(
       SELECT id FROM "Delivery" WHERE "createdAt" < $1::timestamp(3) AND status <> 'pending' LIMIT $2))`,
    cutoff.toISOString(),
    batchSize,
  );
  if (deliveries === batchSize) return { deliveries, messages: 0, done: false };
  const messages = await db.$executeRawUnsafe(
    `DELETE FROM "Message" WHERE id = ANY(ARRAY(
       SELECT m.id FROM "Message" m
        WHERE m."createdAt" < $1::timestamp(3)
          AND NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."messageId" = m.id)
        LIMIT $2))`,
    cutoff.toISOString(),
    batchSize,
  );
  return { deliveries, messages, done: messages < batchSize };
}

/** Prunes everything older than `retentionDays`, batch after batch. Returns what was deleted. */
export async function pruneDeliveryLog(db: Db, now: Date, retentionDays: number, batchSize = PRUNE_BATCH_SIZE): Promise<PruneCounts> {
  const cutoff = retentionCutoff(now, retentionDays);
  const total: PruneCounts = { deliveries: 0, messages: 0 };
  for (;;) {
    const batch = await pruneDeliveryLogBatch(db, cutoff, batchSize);
    total.deliveries += batch.deliveries;
    total.messages += batch.messages;
    if (batch.done) {
      await pruneExpiredInboxes(db, now, batchSize);
      return total;
    }
  }
}

/** Deletes test inboxes that expired (their requests cascade), in batches; returns how many (docs/delivery.md#test-inbox). */
export async function pruneExpiredInboxes(db: Db, now: Date, batchSize = PRUNE_BATCH_SIZE): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRawUnsafe(
      `DELETE FROM "Inbox" WHERE id IN (SELECT id FROM "Inbox" WHERE "expiresAt" <= $1::timestamp(3) LIMIT $2)`,
      now.toISOString(),
      batchSize,
    );
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/** Health buckets are read over 7 days; one more day covers an hour still being written at the edge. */
export const HEALTH_RETENTION_DAYS = 8;

/** Deletes at most `batchSize` health buckets whose hour is before `cutoff`; returns how many. */
export async function pruneHealthBucketsBatch(db: Db, cutoff: Date, batchSize = PRUNE_BATCH_SIZE): Promise<number> {
  return db.$executeRawUnsafe(
    `DELETE FROM "EndpointHealthBucket" WHERE ("endpointId", "hour") IN (
       SELECT "endpointId", "hour" FROM "EndpointHealthBucket" WHERE "hour" < $1::timestamp(3) LIMIT $2)`,
    cutoff.toISOString(),
    batchSize,
  );
}

/** Prunes health buckets older than 8 days, batch after batch. Returns how many were deleted. */
export async function pruneHealthBuckets(db: Db, now: Date, batchSize = PRUNE_BATCH_SIZE): Promise<number> {
  const cutoff = retentionCutoff(now, HEALTH_RETENTION_DAYS);
  let total = 0;
  for (;;) {
    const deleted = await pruneHealthBucketsBatch(db, cutoff, batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
