// Endpoint health (docs/delivery.md#endpoint-health): every recorded attempt is rolled up into
// one EndpointHealthBucket row per endpoint and UTC hour (attempts, successes and a latency
// histogram), so the health of a page of endpoints is one small query over the rollup and never
// a scan of the attempt log.
import "server-only";
import type { Db } from "@/lib/db";
import type { EndpointRow } from "./endpoints";
import type { EndpointHealth, EndpointHealthSeries } from "./schemas";

/**
 * Upper bounds (exclusive) of the latency histogram's buckets, in ms: bucket `i` counts the
 * attempts with `i` bounds at or below their duration (bucket 0: under 10 ms; bucket 18: 30 s
 * and over), which is what Postgres' `width_bucket(durationMs, bounds)` returns. The backfill
 * in prisma/migrations/*_endpoint_policy_health/migration.sql uses the same bounds: change
 * both together, or old and new buckets stop meaning the same.
 */
export const LATENCY_BOUNDS_MS = [10, 15, 25, 40, 60, 100, 150, 250, 400, 600, 1000, 1500, 2500, 4000, 6000, 10000, 15000, 30000] as const;
export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;

const HOUR_MS = 3600_000;
/** How far back health looks: the 7-day window, in hours (the current hour included). */
const WEEK_HOURS = 7 * 24;
const DAY_HOURS = 24;
export type HealthWindow = EndpointHealthSeries["window"];
/** Hours per point of a window's series: 24 hourly points, or 28 six-hour points. */
const SLOT_HOURS: Record<HealthWindow, number> = { "24h": 1, "7d": 6 };

export interface AttemptForHealth {
  endpointId: string;
  sentAt: Date;
  durationMs: number;
  ok: boolean;
}

/** The histogram bucket of a duration: how many bounds are at or below it. */
export function latencyBucketOf(durationMs: number): number {
  return LATENCY_BOUNDS_MS.filter((bound) => bound <= durationMs).length;
}

/** Element-wise sum of latency histograms; a missing element (an empty row) counts 0. */
export function mergeHistograms(histograms: readonly (readonly number[])[]): number[] {
  const merged = new Array<number>(LATENCY_BUCKETS).fill(0);
  for (const histogram of histograms) {
    for (let i = 0; i < LATENCY_BUCKETS; i++) merged[i] += histogram[i] ?? 0;
  }
  return merged;
}

/**
 * The `p` quantile (0 < p ≤ 1) of the durations a histogram counts, in whole ms; null when it
 * counts nothing. Approximate: inside the bucket that holds it, durations are assumed spread
 * evenly, so the answer is interpolated linearly between the bucket's bounds. The last bucket
 * has no upper bound (attempts are cut off at 30 s): it answers its lower bound.
 */
export function percentileFromHistogram(histogram: readonly number[], p: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.min(Math.max(p, 0), 1) * total;
  let below = 0;
  for (let i = 0; i < histogram.length; i++) {
    const count = histogram[i];
    if (count > 0 && below + count >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      const upper = LATENCY_BOUNDS_MS[i] ?? lower;
      return Math.round(lower + ((rank - below) / count) * (upper - lower));
    }
    below += count;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
}

const ELEMENTS = Array.from({ length: LATENCY_BUCKETS }, (_, i) => i);
const BOUNDS_SQL = `ARRAY[${LATENCY_BOUNDS_MS.join(",")}]::int[]`;

/**
 * Rolls a batch of attempts into the hourly buckets, in one statement: grouped by endpoint and
 * hour, then added to the row already there (counts and the histogram element by element).
 */
export async function recordHealth(db: Db, attempts: readonly AttemptForHealth[]): Promise<void> {
  if (attempts.length === 0) return;
  const histogram = ELEMENTS.map((i) => `(count(*) FILTER (WHERE a.bucket = ${i}))::int`).join(", ");
  const added = ELEMENTS.map((i) => `coalesce(b."latency"[${i + 1}], 0) + EXCLUDED."latency"[${i + 1}]`).join(", ");
  // Rows are written in key order so that two batches upserting the same endpoints lock them in
  // the same order (no deadlock between concurrent workers).
  await db.$executeRawUnsafe(
    `INSERT INTO "EndpointHealthBucket" AS b ("endpointId", "hour", "attempts", "succeeded", "latency")
     SELECT a.endpoint, a.hour, count(*)::int, (count(*) FILTER (WHERE a.ok))::int, ARRAY[${histogram}]
       FROM (SELECT v.endpoint, date_trunc('hour', v.sent::timestamp(3)) AS hour, width_bucket(v.duration, ${BOUNDS_SQL}) AS bucket, v.ok
               FROM unnest($1::text[], $2::text[], $3::int[], $4::boolean[]) AS v(endpoint, sent, duration, ok)) AS a
      WHERE EXISTS (SELECT 1 FROM "Endpoint" e WHERE e.id = a.endpoint)
      GROUP BY a.endpoint, a.hour
      ORDER BY a.endpoint, a.hour
     ON CONFLICT ("endpointId", "hour") DO UPDATE
        SET "attempts" = b."attempts" + EXCLUDED."attempts",
            "succeeded" = b."succeeded" + EXCLUDED."succeeded",
            "latency" = ARRAY[${added}]`,
    attempts.map((a) => a.endpointId),
    attempts.map((a) => a.sentAt.toISOString()),
    attempts.map((a) => Math.max(0, Math.round(a.durationMs))),
    attempts.map((a) => a.ok),
  );
}

/** Counts and merged histogram of one endpoint over one slot (a run of hours). */
export interface HealthSlot {
  attempts: number;
  succeeded: number;
  latency: number[];
}

type SlotRow = HealthSlot & { endpoint: string; slot: number };

function startOfHour(date: Date): Date {
  return new Date(Math.floor(date.getTime() / HOUR_MS) * HOUR_MS);
}

/** The first hour of the 7-day window ending with the hour `now` is in. */
function weekStart(now: Date): Date {
  return new Date(startOfHour(now).getTime() - (WEEK_HOURS - 1) * HOUR_MS);
}

/**
 * The 7-day window of `endpointIds`, one query over the rollup: the buckets summed per endpoint
 * and slot of `slotHours` hours (slot 0 begins 7 days ago; the last one ends with this hour).
 */
async function slotsOf(db: Db, endpointIds: string[], now: Date, slotHours: number): Promise<Map<string, HealthSlot[]>> {
  const slots = new Map(endpointIds.map((id) => [id, Array.from({ length: WEEK_HOURS / slotHours }, emptySlot)]));
  if (endpointIds.length === 0) return slots;
  const start = weekStart(now);
  const latency = ELEMENTS.map((i) => `coalesce(sum("latency"[${i + 1}]), 0)::int`).join(", ");
  const rows = await db.$queryRawUnsafe<SlotRow[]>(
    `SELECT "endpointId" AS endpoint,
            (floor(extract(epoch FROM ("hour" - $2::timestamp(3))) / ($4::int * 3600)))::int AS slot,
            sum("attempts")::int AS attempts, sum("succeeded")::int AS succeeded, ARRAY[${latency}] AS latency
       FROM "EndpointHealthBucket"
      WHERE "endpointId" = ANY($1::text[]) AND "hour" >= $2::timestamp(3) AND "hour" < $3::timestamp(3)
      GROUP BY 1, 2`,
    endpointIds,
    start.toISOString(),
    new Date(startOfHour(now).getTime() + HOUR_MS).toISOString(),
    slotHours,
  );
  for (const row of rows) {
    const list = slots.get(row.endpoint);
    if (list && list[row.slot]) list[row.slot] = { attempts: row.attempts, succeeded: row.succeeded, latency: row.latency };
  }
  return slots;
}

function emptySlot(): HealthSlot {
  return { attempts: 0, succeeded: 0, latency: new Array<number>(LATENCY_BUCKETS).fill(0) };
}

function combine(slots: readonly HealthSlot[]): HealthSlot {
  return {
    attempts: slots.reduce((sum, s) => sum + s.attempts, 0),
    succeeded: slots.reduce((sum, s) => sum + s.succeeded, 0),
    latency: mergeHistograms(slots.map((s) => s.latency)),
  };
}

const rate = (slot: HealthSlot) => (slot.attempts ? slot.succeeded / slot.attempts : null);

type EndpointFacts = Pick<EndpointRow, "id" | "active" | "disabledBy" | "lastSuccessAt" | "failingSince">;

export function healthStateOf(endpoint: Pick<EndpointRow, "active" | "disabledBy">): EndpointHealth["state"] {
  if (endpoint.active) return "active";
  return endpoint.disabledBy === "system" ? "auto_disabled" : "disabled";
}

/** An endpoint's summary from its 7-day slots (the last `24 / slotHours` of them are the last 24 h). */
export function summarizeHealth(endpoint: EndpointFacts, slots: readonly HealthSlot[], slotHours: number): EndpointHealth {
  const week = combine(slots);
  const day = combine(slots.slice(slots.length - DAY_HOURS / slotHours));
  return {
    success_rate_24h: rate(day),
    attempts_24h: day.attempts,
    success_rate_7d: rate(week),
    attempts_7d: week.attempts,
    p50_ms: percentileFromHistogram(day.latency, 0.5),
    p95_ms: percentileFromHistogram(day.latency, 0.95),
    last_success_at: endpoint.lastSuccessAt?.toISOString() ?? null,
    failing_since: endpoint.failingSince?.toISOString() ?? null,
    state: healthStateOf(endpoint),
  };
}

/** The health of each endpoint (a page of a list), from one query over the rollup. */
export async function healthSummaries(db: Db, endpoints: readonly EndpointFacts[], now: Date): Promise<Map<string, EndpointHealth>> {
  const slots = await slotsOf(db, endpoints.map((e) => e.id), now, DAY_HOURS);
  return new Map(endpoints.map((e) => [e.id, summarizeHealth(e, slots.get(e.id)!, DAY_HOURS)]));
}

/** One endpoint's summary and its series over `window`, oldest point first, zero-filled. */
export async function healthSeries(db: Db, endpoint: EndpointFacts, window: HealthWindow, now: Date): Promise<EndpointHealthSeries> {
  const slotHours = SLOT_HOURS[window];
  const slots = (await slotsOf(db, [endpoint.id], now, slotHours)).get(endpoint.id)!;
  const shown = slots.slice(slots.length - (window === "24h" ? DAY_HOURS : WEEK_HOURS) / slotHours);
  const firstShown = weekStart(now).getTime() + (slots.length - shown.length) * slotHours * HOUR_MS;
  return {
    window,
    health: summarizeHealth(endpoint, slots, slotHours),
    series: shown.map((slot, i) => ({
      start: new Date(firstShown + i * slotHours * HOUR_MS).toISOString(),
      attempts: slot.attempts,
      succeeded: slot.succeeded,
      failed: slot.attempts - slot.succeeded,
      success_rate: rate(slot),
      p50_ms: percentileFromHistogram(slot.latency, 0.5),
      p95_ms: percentileFromHistogram(slot.latency, 0.95),
    })),
  };
}

/** Webhook resources of a page of endpoints, each with its `health` (one query for the page). */
export async function withHealth<R extends object>(db: Db, rows: readonly EndpointRow[], toResource: (row: EndpointRow) => R, now: Date) {
  const health = await healthSummaries(db, rows, now);
  return rows.map((row) => ({ ...toResource(row), health: health.get(row.id)! }));
}
