// Several app instances on one PostgreSQL database: their workers claim with
// FOR UPDATE SKIP LOCKED, so no delivery is attempted twice; an ordered endpoint's messages
// arrive one at a time in order, and a rate-capped endpoint's stay under its rate, across
// instances (each with its own connection pool).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import { openPostgres, type OpenedDatabase } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { publishEventIn } from "@/lib/delivery/publish";
import { createSender } from "@/lib/delivery/sender";
import { startWorker } from "@/lib/delivery/worker";
import { createEndpoint, type DeliveryPolicy } from "@/lib/webhooks";
import { createOrgWithUser, createPostgresDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let instances: OpenedDatabase[] = [];
let receiver: Receiver;

beforeAll(async () => {
  database = await createPostgresDatabase();
  instances = [await openPostgres(database.url, { max: 4 }), await openPostgres(database.url, { max: 4 })];
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  for (const instance of instances) await instance.close();
  await database?.drop();
});

describe("two workers on PostgreSQL", () => {
  it("deliver every one of 300 deliveries exactly once between them", async () => {
    const [a, b] = instances;
    const { org } = await createOrgWithUser(a.db);
    for (const path of ["/one", "/two", "/three"]) {
      await createEndpoint(
        a.db,
        org.id,
        { name: path, url: `${receiver.url}${path}`, events: [], format: "standard", headers: {}, active: true },
        systemActor,
        { allowHttp: true, allowPrivate: true },
      );
    }
    await a.db.$transaction(async (tx) => {
      for (let i = 0; i < 100; i++) {
        await publishEventIn(tx, { orgId: org.id, type: "project.updated", data: { project: { id: `p${i}`, name: `P${i}` } } });
      }
    });

    const send = createSender({ allowPrivate: true });
    const options = { batchSize: 20, concurrency: 8, pollMs: 20 };
    const workers = [startWorker(deliveryContext(a.db, { send }), options), startWorker(deliveryContext(b.db, { send }), options)];
    try {
      await expect
        .poll(() => a.db.delivery.count({ where: { status: "succeeded" } }), { timeout: 30_000, interval: 100 })
        .toBe(300);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }

    const keys = receiver.requests.map((r) => `${r.path} ${r.headers["webhook-id"]}`);
    expect(keys).toHaveLength(300);
    expect(new Set(keys).size).toBe(300);
    expect(await a.db.deliveryAttempt.count()).toBe(300);
    // No delivery was attempted twice.
    const byAttempts = await a.db.delivery.groupBy({ by: ["attemptCount"], _count: true });
    expect(byAttempts).toEqual([{ attemptCount: 1, _count: 300 }]);
  });
});

describe("delivery policy across instances on PostgreSQL", () => {
  async function endpointWith(policy: Partial<DeliveryPolicy>, path: string) {
    const [a] = instances;
    const { org } = await createOrgWithUser(a.db);
    const endpoint = await createEndpoint(
      a.db,
      org.id,
      { name: path, url: `${receiver.url}${path}`, events: [], format: "standard", headers: {}, active: true, policy },
      systemActor,
      { allowHttp: true, allowPrivate: true },
    );
    const names = Array.from({ length: 16 }, (_, i) => `m${String(i).padStart(2, "0")}`);
    // Separate transactions, one after another: each message is created after the one before.
    for (const name of names) {
      await a.db.$transaction((tx) => publishEventIn(tx, { orgId: org.id, type: "project.updated", data: { project: { id: "p", name } } }));
    }
    return { endpoint, names };
  }

  /** Four workers, two per instance, until every delivery of the endpoint is settled. */
  async function runWorkers(endpointId: string, count: number) {
    const send = createSender({ allowPrivate: true });
    const options = { batchSize: 20, concurrency: 8, pollMs: 20 };
    const workers = instances.flatMap((instance) => [1, 2].map(() => startWorker(deliveryContext(instance.db, { send }), options)));
    try {
      await expect
        .poll(() => instances[0].db.delivery.count({ where: { endpointId, status: "succeeded" } }), { timeout: 30_000, interval: 100 })
        .toBe(count);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  }

  const nameOf = (body: string) => (JSON.parse(body) as { data: { project: { name: string } } }).data.project.name;

  it("ordered: four workers on two instances deliver one message at a time, in publish order", async () => {
    let open = 0;
    let maxOpen = 0;
    receiver.respondWith((_req, res) => {
      open++;
      maxOpen = Math.max(maxOpen, open);
      setTimeout(() => {
        open--;
        res.writeHead(200);
        res.end();
      }, Math.floor(Math.random() * 30));
    });
    const { endpoint, names } = await endpointWith({ ordered: true }, "/ordered");

    await runWorkers(endpoint.id, names.length);

    const arrived = receiver.requests.filter((r) => r.path === "/ordered").map((r) => nameOf(r.body));
    console.log(`ordered, 4 workers on 2 instances: arrival order ${arrived.join(" ")}`);
    expect(arrived).toEqual(names);
    expect(maxOpen).toBe(1);
  });

  it("max rate: four workers on two instances start at most 5 attempts in any second", async () => {
    receiver.respondWith((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    const { endpoint, names } = await endpointWith({ max_rate_per_second: 5 }, "/rated");

    await runWorkers(endpoint.id, names.length);

    const attempts = await instances[0].db.deliveryAttempt.findMany({ where: { endpointId: endpoint.id }, select: { sentAt: true } });
    const starts = attempts.map((a) => a.sentAt.getTime()).sort((x, y) => x - y);
    const busiest = Math.max(...starts.map((t) => starts.filter((u) => u >= t && u < t + 1000).length));
    const perStampedSecond = new Map<string, number>();
    for (const r of receiver.requests.filter((r) => r.path === "/rated")) {
      const second = String(r.headers["webhook-timestamp"]);
      perStampedSecond.set(second, (perStampedSecond.get(second) ?? 0) + 1);
    }
    console.log(`max rate 5/s, 4 workers on 2 instances: arrivals per second ${JSON.stringify([...perStampedSecond.values()])}, busiest window ${busiest}`);
    expect(busiest).toBeLessThanOrEqual(5);
    expect(Math.max(...perStampedSecond.values())).toBeLessThanOrEqual(5);
    expect(attempts).toHaveLength(names.length);
  });
});
