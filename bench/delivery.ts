// Delivery benchmarks through the real pipeline (publish → fan-out → claim → sign → send →
// record), with the embedded worker: throughput, CPU per delivery, latency at a fixed offered
// load, and the scale curve. See docs/PERFORMANCE.md.
import { randomBytes } from "node:crypto";
import { systemActor } from "../lib/audit";
import { newId, type Db, type OpenedDatabase } from "../lib/db";
import { deliveryContext } from "../lib/delivery/context";
import { publishEvent, publishEventsIn } from "../lib/delivery/publish";
import { createSender } from "../lib/delivery/sender";
import { startWorker, type WorkerOptions } from "../lib/delivery/worker";
import { createEndpoint } from "../lib/webhooks/endpoints";
import { cpuMeter, percentile, rate, rssSampler, sleep, type Receiver } from "./support";

/** The worker as the throughput runs drive it: big claims, 64 attempts in flight, any endpoint may use them all. */
const THROUGHPUT_WORKER: WorkerOptions = { batchSize: 500, concurrency: 64, perEndpointConcurrency: 64, pollMs: 20 };

/** A new organization with `endpoints` endpoints at `{receiverUrl}/{path}{i}`, subscribed to every event. */
export async function benchOrg(db: Db, receiverUrl: string, endpoints: number, path = "e") {
  const orgId = newId("org");
  await db.organization.create({ data: { id: orgId, name: "Bench", slug: `bench-${randomBytes(4).toString("hex")}` } });
  const endpointIds: string[] = [];
  for (let i = 0; i < endpoints; i++) {
    const endpoint = await createEndpoint(db, orgId, { name: `${path}${i}`, url: `${receiverUrl}/${path}${i}`, events: [], format: "standard", headers: {}, active: true }, systemActor, {
      allowHttp: true,
      allowPrivate: true,
    });
    endpointIds.push(endpoint.id);
  }
  return { orgId, endpointIds };
}

/** Publishes `events` project.updated events for the organization, 100 per transaction (as a busy API would batch them). */
export async function publishInTransactionsOf100(db: Db, orgId: string, events: number) {
  for (let done = 0; done < events; done += 100) {
    const batch = Array.from({ length: Math.min(100, events - done) }, (_, k) => ({
      orgId,
      type: "project.updated" as const,
      data: { project: { id: `p${done + k}`, name: `P${done + k}` } },
    }));
    await db.$transaction((tx) => publishEventsIn(tx, batch));
  }
}

export interface DeliveryRun {
  deliveries: number;
  publishPerSec: number;
  deliverPerSec: number;
  endToEndPerSec: number;
  /** CPU of this process and of the database backends serving it, per delivery, while delivering. */
  cpuPerDeliveryUs: number;
}

/**
 * `events` events fanned out to `endpoints` endpoints: published in transactions of 100, then
 * delivered by the embedded worker until no delivery is pending.
 */
export async function deliveryRun(opened: OpenedDatabase, receiverUrl: string, events: number, endpoints: number, database?: string): Promise<DeliveryRun> {
  const { db } = opened;
  const { orgId } = await benchOrg(db, receiverUrl, endpoints);
  const ctx = deliveryContext(db, { send: createSender({ allowPrivate: true, connections: 64 }) });
  const started = performance.now();
  await publishInTransactionsOf100(db, orgId, events);
  const published = performance.now();
  const expected = events * endpoints;
  const cpu = cpuMeter(database);
  const worker = startWorker(ctx, THROUGHPUT_WORKER);
  let pending = expected;
  while (pending > 0) {
    await sleep(50);
    pending = await db.delivery.count({ where: { organizationId: orgId, status: "pending" } });
  }
  const finished = performance.now();
  const used = cpu();
  await worker.stop();
  return {
    deliveries: expected,
    publishPerSec: rate(events, published - started),
    deliverPerSec: rate(expected, finished - published),
    endToEndPerSec: rate(expected, finished - started),
    cpuPerDeliveryUs: Math.round((used.processUs + used.databaseUs) / expected),
  };
}

export interface LatencyRun {
  received: number;
  total: number;
  p50: number;
  p95: number;
  p99: number;
  peakRssMb: number;
}

/**
 * Event accepted → first attempt received, through the running embedded worker (default
 * options, woken by each publish), at `perSecond` events offered for `seconds` seconds to one
 * endpoint. The peak RSS of this process, which hosts the worker, is sampled meanwhile.
 */
export async function latencyRun(opened: OpenedDatabase, receiver: Receiver, perSecond: number, seconds: number): Promise<LatencyRun> {
  const { db } = opened;
  const { orgId } = await benchOrg(db, receiver.url, 1, "latency");
  receiver.latencies.length = 0;
  const peakRss = rssSampler();
  const worker = startWorker(deliveryContext(db, { send: createSender({ allowPrivate: true, connections: 64 }) }));
  const total = perSecond * seconds;
  // Four publishers, as four concurrent API requests would: each event is due at its slot of
  // the offered load and is published then, or at once when the publishers are behind.
  let next = 0;
  const started = performance.now();
  const publisher = async () => {
    while (next < total) {
      const i = next++;
      const wait = started + (i * 1000) / perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      await publishEvent(db, { orgId, type: "project.updated", data: { project: { id: `p${i}`, name: `P${i}` } } });
    }
  };
  await Promise.all([publisher(), publisher(), publisher(), publisher()]);
  const deadline = Date.now() + 30_000;
  while (receiver.latencies.length < total && Date.now() < deadline) await sleep(50);
  await worker.stop();
  const peakRssMb = peakRss();
  const sorted = [...receiver.latencies].sort((a, b) => a - b);
  return { received: sorted.length, total, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), peakRssMb };
}

/**
 * The same run at 1×, 4× and 16× endpoints: CPU µs per delivery at each. A first run at 4×
 * warms the code up (the JIT), so the first figure does not carry the start-up cost.
 */
export async function scaleCurve(opened: OpenedDatabase, receiverUrl: string, events: number, database?: string) {
  await deliveryRun(opened, receiverUrl, events, 4, database);
  const costs: Record<string, number> = {};
  for (const endpoints of [1, 4, 16]) {
    costs[String(endpoints)] = (await deliveryRun(opened, receiverUrl, events, endpoints, database)).cpuPerDeliveryUs;
  }
  return costs;
}
