// The delivery log and publishing when the tables are big: `logAtSize` stores a million
// deliveries with generate_series (no per-row round trips) and times the log's first page and a
// filtered page through the real listDeliveries; `publishAtSize` times publishing with 0, 9 and
// 99 times as many events already stored. See docs/PERFORMANCE.md.
import type { Db } from "../lib/db";
import { listDeliveries } from "../lib/delivery/log";
import { deliveryListQuery } from "../lib/delivery/schemas";
import { benchOrg, publishInTransactionsOf100 } from "./delivery";
import { percentile, rate } from "./support";

const ENDPOINTS_AT_SIZE = 4;
// Nothing is delivered here: the endpoints only need to exist.
const NO_RECEIVER = "http://127.0.0.1:9";

/**
 * Stores `messages` messages for the organization and one delivery per message and endpoint, in
 * chunks of one statement each. Ids sort like the product's (time-ordered, `del_…`/`evt_…`), the
 * oldest first; statuses are mostly succeeded, some failed, a few pending.
 */
export async function fillDeliveries(db: Db, orgId: string, endpointIds: string[], messages: number, tag: string) {
  const chunk = 50_000;
  const base = Date.now() - 30 * 24 * 3600_000;
  for (let from = 0; from < messages; from += chunk) {
    const to = Math.min(messages, from + chunk) - 1;
    await db.$executeRawUnsafe(
      `WITH m AS (
         INSERT INTO "Message" ("id", "organizationId", "projectId", "type", "payload", "createdAt")
         SELECT 'evt_' || $2 || lpad(i::text, 10, '0'), $1, NULL,
                CASE WHEN i % 10 = 0 THEN 'build.failed' ELSE 'build.succeeded' END,
                '{"build":{"id":"bld_x"}}'::jsonb, to_timestamp(($5::bigint + i * 100) / 1000.0)::timestamp(3)
           FROM generate_series($3::int, $4::int) AS i
         RETURNING id, "createdAt"
       )
       INSERT INTO "Delivery" ("id", "organizationId", "messageId", "endpointId", "status", "attemptCount", "createdAt", "updatedAt")
       SELECT 'del_' || $2 || substr(m.id, length('evt_' || $2) + 1) || '_' || e.n, $1, m.id, e.id,
              (CASE WHEN right(m.id, 2) = '07' THEN 'failed' WHEN right(m.id, 3) = '999' THEN 'pending' ELSE 'succeeded' END)::"DeliveryStatus",
              1, m."createdAt", m."createdAt"
         FROM m CROSS JOIN unnest($6::text[]) WITH ORDINALITY AS e(id, n)`,
      orgId,
      tag,
      from,
      to,
      base,
      endpointIds,
    );
  }
  // Vacuumed and analysed now, so what follows is measured on settled tables, not beside autovacuum.
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Message"`);
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "Delivery"`);
  // And checkpointed, so the fill's writes are not flushed during the measurement (needs a superuser; skipped otherwise).
  await db.$executeRawUnsafe(`CHECKPOINT`).catch(() => undefined);
}

async function medianMs(times: number, run: () => Promise<unknown>) {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return Math.round(percentile(samples.sort((a, b) => a - b), 50) * 100) / 100;
}

/** The delivery log of an organization with `rows` stored deliveries: its first page and a page filtered by endpoint and status. */
export async function logAtSize(opts: { db: Db; rows?: number }) {
  const { db } = opts;
  const rows = opts.rows ?? 1_000_000;
  const { orgId, endpointIds } = await benchOrg(db, NO_RECEIVER, ENDPOINTS_AT_SIZE);
  const started = performance.now();
  await fillDeliveries(db, orgId, endpointIds, Math.ceil(rows / ENDPOINTS_AT_SIZE), "size");
  const fillSeconds = Math.round((performance.now() - started) / 100) / 10;
  const firstPage = deliveryListQuery.parse({});
  const filtered = deliveryListQuery.parse({ webhook_id: endpointIds[1], status: "failed" });
  return {
    rows: Math.ceil(rows / ENDPOINTS_AT_SIZE) * ENDPOINTS_AT_SIZE,
    fillSeconds,
    firstPageMs: await medianMs(20, () => listDeliveries(db, orgId, firstPage)),
    filteredPageMs: await medianMs(20, () => listDeliveries(db, orgId, filtered)),
  };
}

/**
 * Publishing rate (events/s, transactions of 100 like the delivery runs) for an organization
 * that already has 0, 9× and 99× `events` stored events with their deliveries: the cost of
 * publishing must not grow with what is stored.
 */
export async function publishAtSize(opts: { db: Db; events: number; endpoints: number }) {
  const { db, events, endpoints } = opts;
  const { orgId, endpointIds } = await benchOrg(db, NO_RECEIVER, endpoints);
  const out: Record<"1x" | "10x" | "100x", number> = { "1x": 0, "10x": 0, "100x": 0 };
  let stored = 0;
  for (const [key, before] of [
    ["1x", 0],
    ["10x", 9 * events],
    ["100x", 99 * events],
  ] as const) {
    if (before > stored) {
      await fillDeliveries(db, orgId, endpointIds, before - stored, `p${key}`);
      stored = before;
    }
    const started = performance.now();
    await publishInTransactionsOf100(db, orgId, events);
    out[key] = rate(events, performance.now() - started);
    stored += events;
  }
  return out;
}
