// `npm run bench`: delivery throughput through the real pipeline (PGlite and PostgreSQL)
// next to the raw undici ceiling measured in the same run, and signing speed.
// Figures only: nothing here asserts. See ENGINEERING.md "Performance".
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { Pool } from "undici";
import { systemActor } from "../lib/audit";
import { newId, openPglite, openPostgres, type OpenedDatabase } from "../lib/db";
import { deliveryContext } from "../lib/delivery/context";
import { publishEvent, publishEventsIn } from "../lib/delivery/publish";
import { createSender } from "../lib/delivery/sender";
import { startWorker } from "../lib/delivery/worker";
import { createEndpoint } from "../lib/webhooks/endpoints";
import { generateSigningSecret, signatureHeaders } from "../lib/webhooks/sign";
import { verifyWebhook } from "../lib/webhooks/verify";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2000);
const ENDPOINTS = Number(process.env.BENCH_ENDPOINTS ?? 4);
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
const body1k = JSON.stringify({ id: "evt_bench", type: "build.succeeded", data: { padding: "x".repeat(900) } });

function rate(count: number, ms: number) {
  return Math.round((count / ms) * 1000);
}

async function startReceiver(): Promise<{ url: string; latencies: number[]; stop(): void }> {
  const child = fork(join(import.meta.dirname, "receiver.mjs"), { stdio: "inherit" });
  const latencies: number[] = [];
  const port = await new Promise<number>((resolve) =>
    child.on("message", (m: { port?: number; latencyMs?: number }) => {
      if (m.port) resolve(m.port);
      if (m.latencyMs !== undefined) latencies.push(m.latencyMs);
    }),
  );
  return { url: `http://127.0.0.1:${port}`, latencies, stop: () => child.kill() };
}

/** Event accepted → first attempt received, through the running embedded worker, at a fixed offered load. */
async function latency(opened: OpenedDatabase, receiver: { url: string; latencies: number[] }, perSecond: number, seconds: number) {
  const { db } = opened;
  const orgId = newId("org");
  await db.organization.create({ data: { id: orgId, name: "Latency", slug: `latency-${randomBytes(4).toString("hex")}` } });
  await createEndpoint(db, orgId, { name: "latency", url: `${receiver.url}/latency`, events: [], format: "standard", headers: {}, active: true }, systemActor, {
    allowHttp: true,
    allowPrivate: true,
  });
  receiver.latencies.length = 0;
  const worker = startWorker(deliveryContext(db, { send: createSender({ allowPrivate: true, connections: 64 }) }), { pollMs: 1000 });
  const total = perSecond * seconds;
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await publishEvent(db, { orgId, type: "project.updated", data: { project: { id: `p${i}`, name: `P${i}` } } });
  }
  const deadline = Date.now() + 30_000;
  while (receiver.latencies.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await worker.stop();
  const sorted = [...receiver.latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return { received: sorted.length, total, p50: pct(50), p95: pct(95), p99: pct(99) };
}

async function rawCeiling(url: string, total: number, concurrency = 64) {
  const pool = new Pool(url, { connections: concurrency });
  const secret = generateSigningSecret();
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < total) {
        sent++;
        const headers = signatureHeaders({ msgId: "evt_1", timestamp: 1, body: body1k, secrets: [secret], eventType: "x", headerPrefix: "X-Webhook-" });
        const res = await pool.request({ path: "/", method: "POST", headers: { "content-type": "application/json", ...headers }, body: body1k });
        await res.body.dump();
      }
    }),
  );
  const ms = performance.now() - started;
  await pool.close();
  return rate(total, ms);
}

async function pipeline(opened: OpenedDatabase, url: string, events: number, endpoints: number) {
  const { db } = opened;
  const orgId = newId("org");
  await db.organization.create({ data: { id: orgId, name: "Bench", slug: `bench-${randomBytes(4).toString("hex")}` } });
  for (let i = 0; i < endpoints; i++) {
    await createEndpoint(db, orgId, { name: `e${i}`, url: `${url}/e${i}`, events: [], format: "standard", headers: {}, active: true }, systemActor, {
      allowHttp: true,
      allowPrivate: true,
    });
  }
  const ctx = deliveryContext(db, { send: createSender({ allowPrivate: true, connections: 64 }) });
  const started = performance.now();
  for (let done = 0; done < events; done += 100) {
    const batch = Array.from({ length: Math.min(100, events - done) }, (_, k) => ({
      orgId,
      type: "project.updated" as const,
      data: { project: { id: `p${done + k}`, name: `P${done + k}` } },
    }));
    await db.$transaction((tx) => publishEventsIn(tx, batch));
  }
  const published = performance.now();
  // The real embedded engine: the worker with its lanes, until every delivery is settled.
  const expected = events * endpoints;
  const worker = startWorker(ctx, { batchSize: 500, concurrency: 64, perEndpointConcurrency: 64, pollMs: 20 });
  let delivered = 0;
  while (delivered < expected) {
    await new Promise((r) => setTimeout(r, 25));
    delivered = await db.delivery.count({ where: { organizationId: orgId, status: { not: "pending" } } });
  }
  const finished = performance.now();
  await worker.stop();
  return {
    deliveries: delivered,
    publishPerSec: rate(events, published - started),
    deliverPerSec: rate(delivered, finished - published),
    endToEndPerSec: rate(delivered, finished - started),
  };
}

function signing() {
  const secret = generateSigningSecret();
  const n = 50_000;
  let started = performance.now();
  let headers: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    headers = signatureHeaders({ msgId: `evt_${i}`, timestamp: 1_700_000_000, body: body1k, secrets: [secret], eventType: "x", headerPrefix: "X-Webhook-" });
  }
  const signPerSec = rate(n, performance.now() - started);
  const now = new Date(1_700_000_000_000);
  started = performance.now();
  for (let i = 0; i < n / 5; i++) verifyWebhook(body1k, { ...headers, "webhook-id": `evt_${n - 1}` }, secret, { now });
  return { signPerSec, verifyPerSec: rate(n / 5, performance.now() - started) };
}

async function postgresDatabase() {
  const name = `cc_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const opened = await openPostgres(url.toString(), { max: 8 });
  return {
    opened,
    drop: async () => {
      await opened.close();
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

const receiver = await startReceiver();
try {
  console.log(`Control Center benchmarks — ${EVENTS} events × ${ENDPOINTS} endpoints, 1 KB payloads, local receiver\n`);
  const ceiling = await rawCeiling(receiver.url, 20_000);
  console.log(`raw undici ceiling (signed POSTs, 64 connections): ${ceiling.toLocaleString()} req/s`);

  const lite = await openPglite();
  const pgliteResult = await pipeline(lite, receiver.url, EVENTS, ENDPOINTS);
  const lat = await latency(lite, receiver, 200, 5);
  await lite.close();
  console.log(
    `PGlite     publish ${pgliteResult.publishPerSec.toLocaleString()} events/s · deliver ${pgliteResult.deliverPerSec.toLocaleString()} deliveries/s · end to end ${pgliteResult.endToEndPerSec.toLocaleString()}/s (${((pgliteResult.deliverPerSec / ceiling) * 100).toFixed(1)}% of ceiling)`,
  );

  console.log(
    `latency    event accepted → first attempt received (PGlite, embedded worker, 200 events/s): p50 ${lat.p50} ms · p95 ${lat.p95} ms · p99 ${lat.p99} ms (${lat.received}/${lat.total})`,
  );

  try {
    const postgres = await postgresDatabase();
    try {
      const r = await pipeline(postgres.opened, receiver.url, EVENTS, ENDPOINTS);
      console.log(
        `PostgreSQL publish ${r.publishPerSec.toLocaleString()} events/s · deliver ${r.deliverPerSec.toLocaleString()} deliveries/s · end to end ${r.endToEndPerSec.toLocaleString()}/s (${((r.deliverPerSec / ceiling) * 100).toFixed(1)}% of ceiling)`,
      );
    } finally {
      await postgres.drop();
    }
  } catch (error) {
    console.log(`PostgreSQL skipped: ${error instanceof Error ? error.message : error}`);
  }

  const s = signing();
  console.log(`signing    ${s.signPerSec.toLocaleString()} signatures/s (Standard Webhooks + timestamped HMAC headers) · ${s.verifyPerSec.toLocaleString()} verifications/s`);
} finally {
  receiver.stop();
}
