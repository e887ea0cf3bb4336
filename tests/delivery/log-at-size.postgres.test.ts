// The delivery log stays an index lookup however many deliveries are stored: the SQL that
// listDeliveries really sends (captured from Prisma's query events) is EXPLAINed on PostgreSQL
// with a table where the organization is a small part of it, both as planned for its values and
// as the generic plan of a prepared statement, and must read Delivery through an index, never
// scan it. The time itself is measured by `npm run bench` (docs/PERFORMANCE.md).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, openPostgres, type Db } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { listDeliveries } from "@/lib/delivery/log";
import { deliveryListQuery } from "@/lib/delivery/schemas";
import { createPostgresDatabase, testEngine } from "../helpers/db";

const onPostgres = testEngine() === "postgres";

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let db: Db;
let client: pg.Client;
const statements: { query: string; params: string }[] = [];

/**
 * `messages` messages of `orgId`, each delivered to every endpoint, with ULID-shaped ids that
 * sort by age like the product's: numbered from `from`, `tag` (two letters) telling tenants apart.
 */
async function fill(orgId: string, endpointIds: string[], from: number, messages: number, tag: string) {
  await client.query(
    `WITH m AS (
       INSERT INTO "Message" ("id", "organizationId", "type", "payload", "createdAt")
       SELECT 'evt_01' || lpad(i::text, 20, '0') || $2 || '00', $1, 'build.succeeded', '{}'::jsonb, now() - (($4::int - i) * interval '1 second')
         FROM generate_series($3::int, $3::int + $5::int - 1) AS i
       RETURNING id, "createdAt")
     INSERT INTO "Delivery" ("id", "organizationId", "messageId", "endpointId", "status", "createdAt", "updatedAt")
     SELECT 'del_' || substr(m.id, 5, 24) || lpad(e.n::text, 2, '0'), $1, m.id, e.id,
            (CASE WHEN substr(m.id, 25, 2) = '07' THEN 'failed' ELSE 'succeeded' END)::"DeliveryStatus", m."createdAt", m."createdAt"
       FROM m CROSS JOIN unnest($6::text[]) WITH ORDINALITY AS e(id, n)`,
    [orgId, tag, from, from + messages, messages, endpointIds],
  );
}

async function org(tag: string, endpoints: number) {
  const orgId = newId("org");
  await db.organization.create({ data: { id: orgId, name: tag, slug: `${tag}-${orgId.slice(-6).toLowerCase()}` } });
  const endpointIds: string[] = [];
  for (let i = 0; i < endpoints; i++) {
    const endpoint = await db.endpoint.create({ data: { id: newId("ep"), organizationId: orgId, name: `${tag}${i}`, url: `http://127.0.0.1:9/${i}` } });
    endpointIds.push(endpoint.id);
  }
  return { orgId, endpointIds };
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

/** The plans of the statements listDeliveries sends that read "Delivery". */
async function plansOf(orgId: string, query: Record<string, string>) {
  statements.length = 0;
  await listDeliveries(db, orgId, deliveryListQuery.parse(query));
  const reading = statements.filter((s) => /FROM "public"\."Delivery"/.test(s.query));
  expect(reading.length).toBeGreaterThan(0);
  const plans: PlanNode[] = [];
  const planOf = (rows: Record<string, unknown>[]) => (rows[0]["QUERY PLAN"] as { Plan: PlanNode }[])[0].Plan;
  for (const statement of reading) {
    const params = JSON.parse(statement.params) as unknown[];
    // The plan made for these values, as for a statement sent unnamed…
    plans.push(planOf((await client.query(`EXPLAIN (FORMAT JSON) ${statement.query}`, params)).rows));
    // …and the generic plan PostgreSQL may settle on for a prepared one (lib/db prepares them).
    await client.query(`PREPARE listed AS ${statement.query}`);
    try {
      await client.query(`SET plan_cache_mode = force_generic_plan`);
      const args = params.map((v) => (typeof v === "number" ? String(v) : client.escapeLiteral(String(v)))).join(", ");
      plans.push(planOf((await client.query(`EXPLAIN (FORMAT JSON) EXECUTE listed(${args})`)).rows));
    } finally {
      await client.query(`RESET plan_cache_mode`);
      await client.query(`DEALLOCATE listed`);
    }
  }
  return plans;
}

function deliveryScans(plans: PlanNode[]) {
  return plans.flatMap(nodes).filter((n) => n["Relation Name"] === "Delivery");
}

describe.skipIf(!onPostgres)("the delivery log at size (PostgreSQL)", () => {
  let small: { orgId: string; endpointIds: string[] };

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const migrated = await openPostgres(database.url, { max: 1 });
    await migrated.close();
    const logging = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 2 }), log: [{ emit: "event", level: "query" }] });
    logging.$on("query", (e) => statements.push({ query: e.query, params: e.params }));
    db = logging;
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    // One big tenant with recent deliveries, one small tenant with old ones.
    small = await org("small", 2);
    await fill(small.orgId, small.endpointIds, 1, 2_000, "SM");
    const big = await org("big", 4);
    await fill(big.orgId, big.endpointIds, 1_000_000, 50_000, "BG");
    await client.query(`ANALYZE "Delivery"`);
    await client.query(`ANALYZE "Message"`);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    await db?.$disconnect();
    await database?.drop();
  });

  it("reads an organization's first page through its index, not by scanning deliveries", async () => {
    const scans = deliveryScans(await plansOf(small.orgId, {}));
    expect(scans.map((s) => s["Node Type"])).not.toContain("Seq Scan");
    expect(scans.map((s) => s["Index Name"])).toContain("Delivery_organizationId_id_idx");
  });

  it("reads a page filtered by webhook and status through an index, not by scanning deliveries", async () => {
    const scans = deliveryScans(await plansOf(small.orgId, { webhook_id: small.endpointIds[1], status: "failed" }));
    expect(scans.map((s) => s["Node Type"])).not.toContain("Seq Scan");
    expect(scans.every((s) => s["Index Name"]?.startsWith("Delivery_endpointId") || s["Index Name"]?.startsWith("Delivery_organizationId"))).toBe(true);
  });

  it("reads the next page after a cursor through the same index", async () => {
    const first = await listDeliveries(db, small.orgId, deliveryListQuery.parse({ limit: "10" }));
    expect(first.nextCursor).not.toBeNull();
    const scans = deliveryScans(await plansOf(small.orgId, { limit: "10", cursor: first.nextCursor! }));
    expect(scans.map((s) => s["Node Type"])).not.toContain("Seq Scan");
    expect(scans.map((s) => s["Index Name"])).toContain("Delivery_organizationId_id_idx");
  });
});
