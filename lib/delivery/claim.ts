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

// Pending, due at `at` and not leased at `at` (a parameter such as $1). `d` is the Delivery row.
const dueAt = (at: string) => `d.status = 'pending' AND d."nextAttemptAt" <= ${at}::timestamp(3)
  AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ${at}::timestamp(3))`;
const DUE = dueAt("$1");

// Owed an attempt: due, and its endpoint active (a disabled endpoint's deliveries wait until
// it is enabled again).
const OWED_AN_ATTEMPT = `${DUE} AND EXISTS (SELECT 1 FROM "Endpoint" e WHERE e.id = d."endpointId" AND e.active)`;

// An endpoint with a delivery policy that limits what may be claimed (ordered, or a rate cap)
// is "constrained": its deliveries are claimed per endpoint, under CONSTRAINED_CLAIM_LOCK.
const CONSTRAINED = `(e.ordered OR e."maxRatePerSec" IS NOT NULL)`;

// Owed an attempt, to an endpoint without such a policy: claimed in bulk, oldest due first.
const OWED_UNCONSTRAINED = `${DUE} AND EXISTS (SELECT 1 FROM "Endpoint" e WHERE e.id = d."endpointId" AND e.active AND NOT ${CONSTRAINED})`;

// How many more attempts endpoint `e` may start now ($1) under its rate cap: the cap, less the
// attempts started in the last second ($4 = now - 1 s) and those claimed but not yet recorded
// (leased; they start after their claim). Counting claims as well as starts keeps every
// one-second window at or under the cap, across instances (docs/delivery.md#delivery-policy).
const RATE_ROOM = `CASE WHEN e."maxRatePerSec" IS NULL THEN $3::int ELSE GREATEST(0, e."maxRatePerSec"
    - (SELECT count(*) FROM "DeliveryAttempt" a WHERE a."endpointId" = e.id AND a."sentAt" > $4::timestamp(3))
    - (SELECT count(*) FROM "Delivery" l WHERE l."endpointId" = e.id AND l."leaseUntil" >= $1::timestamp(3)))::int END`;

// The deliveries of constrained endpoints that may be claimed now ($5: only this delivery, or
// null for all; due by $8, which is now unless a run woke a little early, see claimDelivery).
// Ordered: only the endpoint's oldest unsettled delivery, its "head", and only when it is due
// and not in flight — the next message waits until the head succeeded or failed for good.
// Rate-capped: the oldest due, up to the room left in the last second.
const CLAIMABLE_CONSTRAINED = `
  SELECT pick.id FROM "Endpoint" e
   CROSS JOIN LATERAL (SELECT ${RATE_ROOM} AS room) r
   CROSS JOIN LATERAL (
     (SELECT d.id FROM "Delivery" d
       WHERE d."endpointId" = e.id AND NOT e.ordered AND ${dueAt("$8")} AND ($5::text IS NULL OR d.id = $5)
       ORDER BY d."nextAttemptAt", d.id
       LIMIT r.room)
     UNION ALL
     (SELECT d.id FROM (
        SELECT h.id, h.status, h."nextAttemptAt", h."leaseUntil" FROM "Delivery" h
         WHERE h."endpointId" = e.id AND e.ordered AND h.status = 'pending'
         ORDER BY h."createdAt", h.id
         LIMIT 1) d
       WHERE ${dueAt("$8")} AND ($5::text IS NULL OR d.id = $5))
   ) pick
   WHERE e.active AND ${CONSTRAINED} AND r.room > 0
     AND ($6::text IS NULL OR e.id = $6)
   LIMIT $3`;

// Claims of constrained endpoints read what other claims leased; one claimer at a time, in
// every instance, so two cannot both see room for the same slot.
const CONSTRAINED_CLAIM_LOCK = 7_263_210_011;

const leaseEnd = (now: Date) => new Date(now.getTime() + LEASE_MS).toISOString();
const rateWindowStart = (now: Date) => new Date(now.getTime() - 1000).toISOString();

/**
 * Leases what CLAIMABLE_CONSTRAINED picks, inside the claim lock. Returns the leased ids. Unless
 * the caller `known` there is one, it first checks for any active constrained endpoint: without
 * one (the usual case) this is one cheap query, no transaction and no lock.
 */
async function claimConstrained(
  ctx: DeliveryContext,
  now: Date,
  limit: number,
  only: { deliveryId?: string; endpointId?: string; owner?: string; known?: boolean; dueBy?: Date } = {},
) {
  if (!only.known) {
    const [{ any }] = await ctx.db.$queryRawUnsafe<{ any: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM "Endpoint" e WHERE e.active AND ${CONSTRAINED} AND ($1::text IS NULL OR e.id = $1)) AS any`,
      only.endpointId ?? null,
    );
    if (!any) return [];
  }
  const [, rows] = await ctx.db.$transaction([
    // Claims of constrained endpoints wait on each other (their room depends on the others' leases).
    ctx.db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock($1)`, CONSTRAINED_CLAIM_LOCK),
    ctx.db.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "Delivery" SET "leaseUntil" = $2::timestamp(3), "leaseOwner" = $7::text, "requestedAt" = NULL WHERE id = ANY(ARRAY(${CLAIMABLE_CONSTRAINED})) RETURNING id`,
      now.toISOString(),
      leaseEnd(now),
      limit,
      rateWindowStart(now),
      only.deliveryId ?? null,
      only.endpointId ?? null,
      only.owner ?? null,
      (only.dueBy && only.dueBy > now ? only.dueBy : now).toISOString(),
    ),
  ]);
  return rows.map((r) => r.id);
}

/**
 * Claims deliveries owed an attempt, oldest due first, within each endpoint's policy (ordered,
 * max rate): up to `limit` to endpoints without a policy and, when any endpoint has one, up to
 * `limit` more to those (so neither kind waits for the other). Returns their ids. The usual
 * round, without such endpoints, is one statement: the claim says whether there are any.
 */
export async function claimDueDeliveries(ctx: DeliveryContext, limit: number): Promise<string[]> {
  const now = ctx.now();
  // FOR UPDATE … SKIP LOCKED: several workers (instances) never claim the same delivery.
  // `id = ANY(ARRAY(…))`, not `id IN (…)`: the planner may answer IN with a hash join over a
  // sequential scan of the whole table; ANY(ARRAY) looks the picked ids up by primary key.
  const rows = await ctx.db.$queryRawUnsafe<{ id: string | null; constrained: boolean | null }[]>(
    `WITH claimed AS (
       UPDATE "Delivery" SET "leaseUntil" = $2::timestamp(3), "leaseOwner" = NULL, "requestedAt" = NULL
        WHERE id = ANY(ARRAY(
          SELECT d.id FROM "Delivery" d
           WHERE ${OWED_UNCONSTRAINED}
           ORDER BY d."nextAttemptAt"
           LIMIT $3
           FOR UPDATE OF d SKIP LOCKED))
        RETURNING id)
     SELECT id, NULL::boolean AS constrained FROM claimed
     UNION ALL
     SELECT NULL, EXISTS (SELECT 1 FROM "Endpoint" e WHERE e.active AND ${CONSTRAINED})`,
    now.toISOString(),
    leaseEnd(now),
    limit,
  );
  const bulk = rows.flatMap((r) => (r.id === null ? [] : [r.id]));
  const constrained = rows.some((r) => r.constrained) ? await claimConstrained(ctx, now, limit, { known: true }) : [];
  return [...constrained, ...bulk];
}

/**
 * Claims one delivery if it is owed an attempt now and its endpoint's policy lets it go. With
 * an `owner` (an Inngest run id), the lease records it, and a due delivery that owner already
 * holds is claimed again: Inngest runs a step at least once, so a re-run of the step that
 * claimed it (after a crash, a throw, a lost result) carries on instead of finding it taken.
 */
export async function claimDelivery(ctx: DeliveryContext, deliveryId: string, owner?: string, dueBy?: Date): Promise<boolean> {
  const now = ctx.now();
  // Due by `dueBy` (a run woken a little early, see attempt-delivery.ts) rather than now.
  const due = (dueBy && dueBy > now ? dueBy : now).toISOString();
  if (owner) {
    const mine = await ctx.db.$executeRawUnsafe(
      `UPDATE "Delivery" AS d SET "leaseUntil" = $2::timestamp(3)
        WHERE d.id = $3 AND d."leaseOwner" = $4 AND d."leaseUntil" >= $1::timestamp(3)
          AND d.status = 'pending' AND d."nextAttemptAt" <= $5::timestamp(3)`,
      now.toISOString(),
      leaseEnd(now),
      deliveryId,
      owner,
      due,
    );
    if (mine === 1) return true;
  }
  // $1 is the due time here: a lease ending within the tolerance is taken as ended too.
  const count = await ctx.db.$executeRawUnsafe(
    `UPDATE "Delivery" AS d SET "leaseUntil" = $2::timestamp(3), "leaseOwner" = $4::text, "requestedAt" = NULL WHERE d.id = $3 AND ${OWED_UNCONSTRAINED}`,
    due,
    leaseEnd(now),
    deliveryId,
    owner ?? null,
  );
  if (count === 1) return true;
  const endpoint = await ctx.db.delivery.findUnique({ where: { id: deliveryId }, select: { endpoint: { select: { id: true, ordered: true, maxRatePerSec: true } } } });
  if (!endpoint || (!endpoint.endpoint.ordered && endpoint.endpoint.maxRatePerSec === null)) return false;
  return (await claimConstrained(ctx, now, 1, { deliveryId, endpointId: endpoint.endpoint.id, owner, dueBy })).length === 1;
}

/**
 * Gives up leases that an attempt could not finish (it threw before recording), so the
 * deliveries are owed an attempt again at once instead of when the lease expires. Only leases
 * of `owner` (null: the embedded worker's) are released, and only of pending deliveries. To a
 * rate-capped endpoint the request may have gone out before the throw, unrecorded: its lease is
 * kept for the rest of that second instead, so it still counts against the cap
 * (docs/delivery.md#delivery-policy).
 */
export async function releaseLeases(ctx: DeliveryContext, deliveryIds: string[], owner: string | null = null) {
  if (deliveryIds.length === 0) return;
  await ctx.db.$executeRawUnsafe(
    `UPDATE "Delivery" AS d SET "leaseUntil" = CASE WHEN e."maxRatePerSec" IS NULL THEN NULL ELSE $3::timestamp(3) END
       FROM "Endpoint" e
      WHERE e.id = d."endpointId" AND d.id = ANY($1::text[]) AND d.status = 'pending'
        AND d."leaseOwner" IS NOT DISTINCT FROM $2::text AND d."leaseUntil" IS NOT NULL`,
    deliveryIds,
    owner,
    new Date(ctx.now().getTime() + 1000).toISOString(),
  );
}

/** Why a due delivery of a constrained endpoint was not claimed, and when to look again. */
export async function constrainedWait(
  ctx: DeliveryContext,
  delivery: { id: string; endpointId: string; createdAt: Date; nextAttemptAt: Date | null },
  endpoint: { ordered: boolean; maxRatePerSec: number | null },
): Promise<{ reason: "waiting-turn" } | { reason: "rate-limited"; retryAt: Date } | null> {
  if (endpoint.ordered) {
    const earlier = await ctx.db.delivery.findFirst({
      where: {
        endpointId: delivery.endpointId,
        status: "pending",
        OR: [{ createdAt: { lt: delivery.createdAt } }, { createdAt: delivery.createdAt, id: { lt: delivery.id } }],
      },
      select: { id: true },
    });
    if (earlier) return { reason: "waiting-turn" };
  }
  if (endpoint.maxRatePerSec === null) return null;
  // Due deliveries ahead of this one go first, `rate` per second: wake when its turn may come.
  const ahead = await ctx.db.delivery.count({
    where: {
      endpointId: delivery.endpointId,
      status: "pending",
      OR: [{ nextAttemptAt: { lt: delivery.nextAttemptAt ?? ctx.now() } }, { nextAttemptAt: delivery.nextAttemptAt, id: { lt: delivery.id } }],
    },
  });
  const seconds = 1 + Math.floor(ahead / endpoint.maxRatePerSec);
  return { reason: "rate-limited", retryAt: new Date(ctx.now().getTime() + seconds * 1000) };
}

/** Marks deliveries as having an Inngest run requested for them now (see strandedDeliveries). */
export async function markRequested(ctx: DeliveryContext, deliveryIds: string[]) {
  if (deliveryIds.length === 0) return;
  await ctx.db.$executeRawUnsafe(
    `UPDATE "Delivery" SET "requestedAt" = $2::timestamp(3) WHERE id = ANY($1::text[]) AND status = 'pending'`,
    deliveryIds,
    ctx.now().toISOString(),
  );
}

/**
 * Deliveries owed an attempt for longer than `graceMs` that nobody has claimed and no run was
 * requested for within `graceMs`: an event that never reached Inngest, a run that failed or
 * ran out of rounds, a run whose step result was lost before it could name the next delivery
 * of an ordered endpoint, an endpoint enabled again. A requested run (`requestedAt`, cleared
 * when a run claims the delivery) has the same grace: one still queued behind the endpoint's
 * concurrency limit then gets a duplicate request, which is harmless (its claim decides) and
 * bounded by the sweep's event ids. Oldest first, at most `limit`. Only reads: the caller marks
 * them requested (markRequested) once the requests were sent, so a step that runs again
 * finds the same deliveries.
 */
export async function strandedDeliveries(ctx: DeliveryContext, graceMs: number, limit: number) {
  const now = ctx.now();
  // An ordered endpoint's later deliveries are not stranded: they wait for their turn, and the
  // run that settles the one before requests the next.
  const rows = await ctx.db.$queryRawUnsafe<{ id: string; endpointId: string; attemptCount: number }[]>(
    `SELECT d.id, d."endpointId", d."attemptCount" FROM "Delivery" d
      WHERE ${OWED_AN_ATTEMPT} AND d."nextAttemptAt" <= $2::timestamp(3)
        AND (d."requestedAt" IS NULL OR d."requestedAt" <= $2::timestamp(3))
        AND NOT EXISTS (SELECT 1 FROM "Endpoint" e WHERE e.id = d."endpointId" AND e.ordered AND EXISTS (
          SELECT 1 FROM "Delivery" p WHERE p."endpointId" = d."endpointId" AND p.status = 'pending'
             AND (p."createdAt" < d."createdAt" OR (p."createdAt" = d."createdAt" AND p.id < d.id))))
      ORDER BY d."nextAttemptAt", d.id
      LIMIT $3`,
    now.toISOString(),
    new Date(now.getTime() - graceMs).toISOString(),
    limit,
  );
  return rows.map((d) => ({ deliveryId: d.id, endpointId: d.endpointId, attemptCount: Number(d.attemptCount) }));
}

/**
 * A run that failed for good (Inngest gave up on it) gives back what it held: the lease it owns,
 * so the delivery is owed an attempt at once, and the request, so the sweep need not wait out a
 * request that no run will fulfil. Only a pending delivery, and only a lease of `owner`.
 */
export async function releaseFailedRun(ctx: DeliveryContext, deliveryId: string, owner: string) {
  return ctx.db.$executeRawUnsafe(
    `UPDATE "Delivery" SET "requestedAt" = NULL,
        "leaseUntil" = CASE WHEN "leaseOwner" = $2::text THEN NULL ELSE "leaseUntil" END
      WHERE id = $1 AND status = 'pending'`,
    deliveryId,
    owner,
  );
}

/** Single-instance start-up: leases held by this process before a restart can go at once. */
export async function releaseAllLeases(ctx: DeliveryContext) {
  await ctx.db.delivery.updateMany({ where: { leaseUntil: { not: null } }, data: { leaseUntil: null } });
}
