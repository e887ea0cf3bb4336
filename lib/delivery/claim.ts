// Claiming deliveries: the one rule for which delivery is owed an attempt now, and the lease
// that makes an attempt exclusive (docs/delivery.md#engines). The embedded worker claims
// batches; an Inngest run claims its one delivery; the stranded sweep looks for the same
// deliveries that nobody claimed. A lease outlives the slowest attempt, so a crashed attempt's
// delivery is claimed again once its lease expires.
import type { DeliveryContext } from "./context";

/** How long a claim holds a delivery: longer than the slowest attempt (30 s timeout at most). */
export const LEASE_MS = 120_000;

/** Attempts in flight at once per endpoint, in both engines: one endpoint cannot take every slot. */
export const PER_ENDPOINT_CONCURRENCY = 16;

// Pending, due at $1, not leased at $1, and its endpoint active (a disabled endpoint's
// deliveries wait until it is enabled again). `d` is the Delivery row.
const OWED_AN_ATTEMPT = `d.status = 'pending' AND d."nextAttemptAt" <= $1::timestamp(3)
  AND (d."leaseUntil" IS NULL OR d."leaseUntil" < $1::timestamp(3))
  AND EXISTS (SELECT 1 FROM "Endpoint" e WHERE e.id = d."endpointId" AND e.active)`;

const leaseEnd = (now: Date) => new Date(now.getTime() + LEASE_MS).toISOString();

/** Claims up to `limit` deliveries owed an attempt, oldest due first. Returns their ids. */
export async function claimDueDeliveries(ctx: DeliveryContext, limit: number): Promise<string[]> {
  const now = ctx.now();
  // FOR UPDATE … SKIP LOCKED: several workers (instances) never claim the same delivery.
  const rows = await ctx.db.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE "Delivery" SET "leaseUntil" = $2::timestamp(3)
      WHERE id IN (
        SELECT d.id FROM "Delivery" d
         WHERE ${OWED_AN_ATTEMPT}
         ORDER BY d."nextAttemptAt"
         LIMIT $3
         FOR UPDATE OF d SKIP LOCKED)
      RETURNING id`,
    now.toISOString(),
    leaseEnd(now),
    limit,
  );
  return rows.map((r) => r.id);
}

/** Claims one delivery if it is owed an attempt now. */
export async function claimDelivery(ctx: DeliveryContext, deliveryId: string): Promise<boolean> {
  const now = ctx.now();
  const count = await ctx.db.$executeRawUnsafe(
    `UPDATE "Delivery" AS d SET "leaseUntil" = $2::timestamp(3) WHERE d.id = $3 AND ${OWED_AN_ATTEMPT}`,
    now.toISOString(),
    leaseEnd(now),
    deliveryId,
  );
  return count === 1;
}

/**
 * Deliveries owed an attempt for longer than `graceMs` that nobody has claimed: no run is
 * working on them (an event that never reached Inngest, an endpoint enabled again). Oldest
 * first, at most `limit`.
 */
export async function strandedDeliveries(ctx: DeliveryContext, graceMs: number, limit: number) {
  const now = ctx.now();
  const rows = await ctx.db.$queryRawUnsafe<{ id: string; endpointId: string; attemptCount: number }[]>(
    `SELECT d.id, d."endpointId", d."attemptCount" FROM "Delivery" d
      WHERE ${OWED_AN_ATTEMPT} AND d."nextAttemptAt" <= $2::timestamp(3)
      ORDER BY d."nextAttemptAt"
      LIMIT $3`,
    now.toISOString(),
    new Date(now.getTime() - graceMs).toISOString(),
    limit,
  );
  return rows.map((d) => ({ deliveryId: d.id, endpointId: d.endpointId, attemptCount: Number(d.attemptCount) }));
}

/** Single-instance start-up: leases held by this process before a restart can go at once. */
export async function releaseAllLeases(ctx: DeliveryContext) {
  await ctx.db.delivery.updateMany({ where: { leaseUntil: { not: null } }, data: { leaseUntil: null } });
}
