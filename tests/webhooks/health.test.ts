// Endpoint health end to end: real attempts through the delivery core to a real receiver, rolled
// up per hour; summaries and series read from the rollup alone; the migration's backfill agrees
// with the rollup; retention; and the API (GET /webhooks/{id}/health, `health` in list and get).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/v1/webhooks/[webhookId]/health/route";
import * as item from "@/app/api/v1/webhooks/[webhookId]/route";
import * as collection from "@/app/api/v1/webhooks/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase, Tx } from "@/lib/db";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import { runDeliveries } from "@/lib/delivery/core";
import { publishEvent } from "@/lib/delivery/publish";
import { pruneHealthBuckets } from "@/lib/delivery/retention";
import { createSender } from "@/lib/delivery/sender";
import {
  createEndpoint,
  healthSeries,
  healthSummaries,
  latencyBucketOf,
  mergeHistograms,
  percentileFromHistogram,
  recordHealth,
  type EndpointHealth,
  type EndpointHealthSeries,
} from "@/lib/webhooks";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { startReceiver, type Receiver } from "../helpers/receiver";

const HOUR = 3600_000;
// Anchored at the real time: the API routes read the wall clock.
const NOW = new Date();
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let opened: OpenedDatabase;
let receiver: Receiver;
let clock: Date;
let ctx: DeliveryContext;
let orgId: string;
let reader: string;
let otherOrgKey: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  // Events named "fail…" get a 500, "slow…" wait 30 ms first; the rest get a 200 at once.
  receiver = await startReceiver((req, res) => {
    const name = (JSON.parse(req.body) as { data: { project: { name: string } } }).data.project.name;
    const answer = () => {
      res.writeHead(name.startsWith("fail") ? 500 : 200);
      res.end(name.startsWith("fail") ? "down" : "ok");
    };
    if (name.startsWith("slow")) setTimeout(answer, 30);
    else answer();
  });
  ctx = deliveryContext(opened.db, { now: () => clock, send: createSender({ allowPrivate: true }) });
  const { org } = await createOrgWithUser(opened.db);
  orgId = org.id;
  reader = await createKey(opened.db, orgId, ["webhooks:read"]);
  otherOrgKey = await createKey(opened.db, (await createOrgWithUser(opened.db)).org.id, ["admin"]);
});

afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});

/** An endpoint in its own organization, so each part of this file counts only its own deliveries. */
async function newEndpoint(name: string, org?: string) {
  return createEndpoint(
    opened.db,
    org ?? (await createOrgWithUser(opened.db)).org.id,
    { name, url: `${receiver.url}/${name}`, events: [], format: "standard", headers: {}, active: true },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
}

/** Publishes one event per name to the organization at `at` and delivers them through the delivery core, in one batch. */
async function deliverAt(org: string, at: Date, names: string[]) {
  clock = at;
  const ids: string[] = [];
  for (const name of names) {
    const { message } = await publishEvent(opened.db, { orgId: org, type: "project.updated", data: { project: { id: "proj_1", name } } }, clock);
    ids.push(...(await opened.db.delivery.findMany({ where: { messageId: message.id }, select: { id: true } })).map((d) => d.id));
  }
  return runDeliveries(ctx, ids, "auto");
}

const endpointRow = (id: string) => opened.db.endpoint.findUniqueOrThrow({ where: { id } });

async function healthOf(id: string): Promise<EndpointHealth> {
  return (await healthSummaries(opened.db, [await endpointRow(id)], NOW)).get(id)!;
}

/** The buckets of `endpointIds` as plain values, in key order. */
async function bucketsOf(endpointIds: string[], db: Tx = opened.db) {
  const rows = await db.endpointHealthBucket.findMany({ where: { endpointId: { in: endpointIds } }, orderBy: [{ endpointId: "asc" }, { hour: "asc" }] });
  return rows.map((r) => ({ endpointId: r.endpointId, hour: r.hour.toISOString(), attempts: r.attempts, succeeded: r.succeeded, latency: r.latency }));
}

const pointAt = (series: EndpointHealthSeries["series"], at: Date, hours: number) =>
  series.find((p) => new Date(p.start).getTime() <= at.getTime() && at.getTime() < new Date(p.start).getTime() + hours * HOUR)!;

describe("endpoint health from real deliveries", () => {
  let endpointId: string;
  let org: string;
  const older = ago(3 * 24 * HOUR);
  const recent = ago(2 * HOUR);
  const latest = ago(10 * 60_000);

  beforeAll(async () => {
    const endpoint = await newEndpoint("mixed");
    endpointId = endpoint.id;
    org = endpoint.organizationId;
    // 3 days ago: 4 successes. 2 hours ago, in two batches of the same hour: 3 successes and
    // 3 failures. 10 minutes ago: 2 failures.
    await deliverAt(org, older, ["ok-1", "ok-2", "slow-3", "ok-4"]);
    await deliverAt(org, recent, ["ok-5", "fail-6", "slow-7"]);
    await deliverAt(org, new Date(recent.getTime() + 1000), ["fail-8", "ok-9", "fail-10"]);
    await deliverAt(org, latest, ["fail-11", "fail-12"]);
  });

  it("rolls every attempt into its endpoint's hourly bucket, merging batches of the same hour", async () => {
    const buckets = await bucketsOf([endpointId]);
    expect(buckets.map((b) => [b.attempts, b.succeeded])).toEqual(
      // Two batches 1 s apart may straddle an hour.
      new Date(recent.getTime() + 1000).getUTCHours() === recent.getUTCHours()
        ? [[4, 4], [6, 3], [2, 0]]
        : [[4, 4], [3, 2], [3, 1], [2, 0]],
    );
    expect(buckets.every((b) => b.latency.length === 19 && b.latency.reduce((s, n) => s + n, 0) === b.attempts)).toBe(true);
    const attempts = await opened.db.deliveryAttempt.findMany({ where: { endpointId } });
    expect(attempts).toHaveLength(12);
    const fromLog = new Array<number>(19).fill(0);
    for (const a of attempts) fromLog[latencyBucketOf(a.durationMs)] += 1;
    expect(mergeHistograms(buckets.map((b) => b.latency))).toEqual(fromLog);
  });

  it("summarizes the last 24 hours and 7 days, with the failure streak and the last success", async () => {
    const attempts24h = await opened.db.deliveryAttempt.findMany({ where: { endpointId, sentAt: { gte: recent } } });
    const histogram = new Array<number>(19).fill(0);
    for (const a of attempts24h) histogram[latencyBucketOf(a.durationMs)] += 1;

    expect(await healthOf(endpointId)).toEqual({
      success_rate_24h: 3 / 8,
      attempts_24h: 8,
      success_rate_7d: 7 / 12,
      attempts_7d: 12,
      p50_ms: percentileFromHistogram(histogram, 0.5),
      p95_ms: percentileFromHistogram(histogram, 0.95),
      last_success_at: new Date(recent.getTime() + 1000).toISOString(),
      failing_since: latest.toISOString(),
      state: "active",
    });
    expect((await healthOf(endpointId)).p95_ms).toEqual(expect.any(Number));
  });

  it("gives 24 hourly and 28 six-hour points, zero-filled, oldest first", async () => {
    const row = await endpointRow(endpointId);
    const day = await healthSeries(opened.db, row, "24h", NOW);
    expect(day.series).toHaveLength(24);
    expect(day.health).toEqual(await healthOf(endpointId));
    const starts = day.series.map((p) => new Date(p.start).getTime());
    expect(starts.every((t, i) => i === 0 || t - starts[i - 1] === HOUR)).toBe(true);
    expect(starts[23]).toBe(Math.floor(NOW.getTime() / HOUR) * HOUR);
    expect(day.series.reduce((s, p) => s + p.attempts, 0)).toBe(8);
    expect(pointAt(day.series, latest, 1)).toMatchObject({ attempts: 2, succeeded: 0, failed: 2, success_rate: 0 });
    const empty = day.series.find((p) => p.attempts === 0)!;
    expect(empty).toMatchObject({ succeeded: 0, failed: 0, success_rate: null, p50_ms: null, p95_ms: null });

    const week = await healthSeries(opened.db, row, "7d", NOW);
    expect(week.series).toHaveLength(28);
    expect(week.health).toEqual(day.health);
    expect(new Date(week.series[27].start).getTime()).toBe(Math.floor(NOW.getTime() / HOUR) * HOUR - 5 * HOUR);
    expect(week.series.reduce((s, p) => s + p.attempts, 0)).toBe(12);
    expect(pointAt(week.series, older, 6)).toMatchObject({ attempts: 4, succeeded: 4, failed: 0, success_rate: 1 });
    expect(pointAt(week.series, latest, 6)).toMatchObject({ attempts: 8, succeeded: 3, failed: 5 });
  });

  it("reads health from the rollup alone: deleting the attempt log changes nothing", async () => {
    const before = await healthOf(endpointId);
    const series = await healthSeries(opened.db, await endpointRow(endpointId), "7d", NOW);
    await opened.db.deliveryAttempt.deleteMany({});
    expect(await healthOf(endpointId)).toEqual(before);
    expect(await healthSeries(opened.db, await endpointRow(endpointId), "7d", NOW)).toEqual(series);
  });
});

describe("the migration's backfill", () => {
  it("builds the same buckets from the attempt log as the rollup does as attempts are recorded", async () => {
    const first = await newEndpoint("backfill-1");
    const second = await newEndpoint("backfill-2", first.organizationId);
    const org = first.organizationId;
    // The backfill reads the last 8 days before the database's now().
    await deliverAt(org, ago(26 * HOUR), ["ok-a", "slow-b", "fail-c"]);
    await deliverAt(org, ago(HOUR), ["slow-d", "ok-e"]);
    await deliverAt(org, ago(HOUR - 1000), ["fail-f"]);
    const ids = [first.id, second.id];
    const recorded = await bucketsOf(ids);
    expect(recorded.reduce((s, b) => s + b.attempts, 0)).toBe(12);

    const migrations = join(process.cwd(), "prisma/migrations");
    const folder = readdirSync(migrations).find((name) => name.endsWith("_endpoint_policy_health"))!;
    const sql = readFileSync(join(migrations, folder, "migration.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf("WITH per_bucket AS")).trim().replace(/;$/, "");

    // Run on an empty rollup inside a transaction that is rolled back, so other tests keep theirs.
    const rollback = new Error("rollback");
    let backfilled: Awaited<ReturnType<typeof bucketsOf>> = [];
    await expect(
      opened.db.$transaction(async (tx) => {
        await tx.endpointHealthBucket.deleteMany({});
        await tx.$executeRawUnsafe(backfill);
        backfilled = await bucketsOf(ids, tx);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(backfilled).toEqual(recorded);
    expect(await bucketsOf(ids)).toEqual(recorded);
  });
});

describe("health retention", () => {
  it("prunes buckets older than 8 days in batches and keeps the rest", async () => {
    const endpoint = await newEndpoint("retention");
    const at = (days: number) => ({ endpointId: endpoint.id, sentAt: ago(days * 24 * HOUR), durationMs: 12, ok: true });
    await recordHealth(opened.db, [at(9), at(10), at(11), at(8.5), at(7.5), at(1)]);
    expect(await pruneHealthBuckets(opened.db, NOW, 2)).toBe(4);
    const left = await opened.db.endpointHealthBucket.findMany({ where: { endpointId: endpoint.id } });
    expect(left.map((b) => Math.round((NOW.getTime() - b.hour.getTime()) / (24 * HOUR)))).toEqual(expect.arrayContaining([8, 1]));
    expect(left).toHaveLength(2);
    expect(await pruneHealthBuckets(opened.db, NOW, 2)).toBe(0);
  });

  it("records nothing for an empty batch", async () => {
    const before = await opened.db.endpointHealthBucket.count();
    await recordHealth(opened.db, []);
    expect(await opened.db.endpointHealthBucket.count()).toBe(before);
  });
});

describe("health API", () => {
  let endpointId: string;
  let quietId: string;
  beforeAll(async () => {
    endpointId = (await newEndpoint("api", orgId)).id;
    await deliverAt(orgId, ago(4 * 24 * HOUR), ["ok-0"]);
    await deliverAt(orgId, ago(3 * HOUR), ["ok-1", "ok-2", "fail-3"]);
    await deliverAt(orgId, ago(2 * 24 * HOUR), ["ok-4"]);
    // Created after those deliveries: it never had traffic.
    quietId = (await newEndpoint("quiet", orgId)).id;
  });

  const getHealth = (id: string, query = "", key = reader) =>
    callRoute(healthRoute.GET, { url: `/api/v1/webhooks/${id}/health${query}`, key, params: { webhookId: id } });

  it("answers the summary and 24 hourly points by default, and 28 six-hour points for window=7d", async () => {
    const day = await expectJson<EndpointHealthSeries>(await getHealth(endpointId), 200);
    expect(day.window).toBe("24h");
    expect(day.series).toHaveLength(24);
    expect(day.health).toMatchObject({ attempts_24h: 3, success_rate_24h: 2 / 3, attempts_7d: 5, success_rate_7d: 4 / 5, state: "active" });
    expect(day.series.reduce((s, p) => s + p.failed, 0)).toBe(1);

    const week = await expectJson<EndpointHealthSeries>(await getHealth(endpointId, "?window=7d"), 200);
    expect(week.window).toBe("7d");
    expect(week.series).toHaveLength(28);
    expect(week.series.reduce((s, p) => s + p.succeeded, 0)).toBe(4);
    expect(week.health).toEqual(day.health);
  });

  it("refuses an unknown window, naming the field", async () => {
    const problem = await expectProblem(await getHealth(endpointId, "?window=30d"), 422);
    expect(problem.errors?.[0]).toMatchObject({ field: "window" });
  });

  it("puts each endpoint's health in the list and in get", async () => {
    const list = await expectJson<{ data: { id: string; health: EndpointHealth }[] }>(
      await callRoute(collection.GET, { url: "/api/v1/webhooks?limit=100", key: reader }),
      200,
    );
    expect(list.data.map((w) => w.id)).toEqual([quietId, endpointId]);
    const [quiet, listed] = list.data;
    expect(listed.health).toMatchObject({ attempts_24h: 3, attempts_7d: 5, state: "active" });
    expect(quiet.health).toMatchObject({ attempts_24h: 0, success_rate_24h: null, attempts_7d: 0, p50_ms: null, last_success_at: null });

    const got = await expectJson<{ health: EndpointHealth }>(
      await callRoute(item.GET, { url: `/api/v1/webhooks/${endpointId}`, key: reader, params: { webhookId: endpointId } }),
      200,
    );
    expect(got.health).toEqual(listed.health);
  });

  it("shows a disabled endpoint's state", async () => {
    await opened.db.endpoint.update({ where: { id: endpointId }, data: { active: false, disabledBy: "system", disabledReason: "Every delivery failed for 5 days." } });
    const day = await expectJson<EndpointHealthSeries>(await getHealth(endpointId), 200);
    expect(day.health.state).toBe("auto_disabled");
    await opened.db.endpoint.update({ where: { id: endpointId }, data: { active: true, disabledBy: null, disabledReason: null } });
  });

  it("hides other organizations' endpoints (404)", async () => {
    await expectProblem(await getHealth(endpointId, "", otherOrgKey), 404);
    await expectProblem(await getHealth("ep_01JH0000000000000000000000", "", reader), 404);
  });
});
