// The embedded worker is a pipeline (docs/PERFORMANCE.md#the-pipeline): a slow receiver holds
// only its own attempts, never a batch; stopping records every attempt that went out and gives
// back the leases of those that did not. Real receivers, real database, no timing assertions:
// the slow receiver answers only when the test lets it.
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender } from "@/lib/delivery/sender";
import { startWorker } from "@/lib/delivery/worker";
import { createEndpoint } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";

let opened: OpenedDatabase;
let receiver: Receiver;
// Answers held back by the test, released by release().
let held: ServerResponse[] = [];
const release = () => {
  for (const res of held.splice(0)) {
    res.writeHead(200);
    res.end("ok");
  }
};

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  release();
  await receiver?.close();
  await opened?.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
  held = [];
  // Paths under /slow are held until release(); the others are answered at once.
  receiver.respondWith((req, res) => {
    if (req.path.startsWith("/slow")) held.push(res);
    else {
      res.writeHead(200);
      res.end("ok");
    }
  });
});

async function orgWithEndpoints(...paths: string[]) {
  const { org } = await createOrgWithUser(opened.db);
  const endpoints = [];
  for (const path of paths) {
    endpoints.push(
      await createEndpoint(opened.db, org.id, { name: path, url: `${receiver.url}${path}`, events: [], format: "standard", headers: {}, active: true }, systemActor, {
        allowHttp: true,
        allowPrivate: true,
      }),
    );
  }
  return { org, endpoints };
}

const publish = (orgId: string, i: number) => publishEvent(opened.db, { orgId, type: "project.updated", data: { project: { id: `proj_${i}`, name: `P${i}` } } });

const settled = (endpointId: string) => opened.db.delivery.count({ where: { endpointId, status: "succeeded" } });

describe("embedded worker pipeline", () => {
  it("delivers and records a fast endpoint's messages while a slow endpoint's requests of the same batch are still open", async () => {
    const { org, endpoints } = await orgWithEndpoints("/slow/a", "/fast/b");
    const [slow, fast] = endpoints;
    for (let i = 0; i < 30; i++) await publish(org.id, i);

    const worker = startWorker(deliveryContext(opened.db, { send: createSender({ allowPrivate: true }) }), { batchSize: 100, concurrency: 32, pollMs: 50 });
    try {
      // All 60 deliveries are claimed in one batch; the slow endpoint's 16 (its concurrency) stay open.
      await expect.poll(() => settled(fast.id), { timeout: 20_000, interval: 50 }).toBe(30);
      expect(held.length).toBeGreaterThan(0);
      expect(await settled(slow.id)).toBe(0);
      const fastAttempts = await opened.db.deliveryAttempt.count({ where: { endpointId: fast.id } });
      expect(fastAttempts).toBe(30);

      // Once the slow receiver answers, its messages go out and are recorded too.
      const releasing = setInterval(release, 20);
      try {
        await expect.poll(() => settled(slow.id), { timeout: 20_000, interval: 50 }).toBe(30);
      } finally {
        clearInterval(releasing);
      }
    } finally {
      await worker.stop();
    }
    expect(await opened.db.deliveryAttempt.count({ where: { endpointId: slow.id } })).toBe(30);
  });

  it("on stop, records every attempt that went out and gives back the leases of the deliveries it had claimed but not sent", async () => {
    const { org, endpoints } = await orgWithEndpoints("/slow/stop");
    const [endpoint] = endpoints;
    for (let i = 0; i < 20; i++) await publish(org.id, i);

    const worker = startWorker(deliveryContext(opened.db, { send: createSender({ allowPrivate: true }) }), {
      batchSize: 20,
      concurrency: 4,
      perEndpointConcurrency: 4,
      pollMs: 50,
    });
    // Four requests are open at the receiver; the other sixteen deliveries are claimed and queued.
    await expect.poll(() => held.length, { timeout: 10_000, interval: 20 }).toBe(4);
    const stopping = worker.stop();
    release();
    await stopping;

    const sent = receiver.requests.filter((r) => r.path === "/slow/stop").length;
    expect(sent).toBe(4);
    expect(await opened.db.deliveryAttempt.count({ where: { endpointId: endpoint.id } })).toBe(4);
    expect(await settled(endpoint.id)).toBe(4);
    // Nothing stays leased: another worker may claim the rest at once.
    const leased = await opened.db.delivery.count({ where: { endpointId: endpoint.id, leaseUntil: { not: null } } });
    expect(leased).toBe(0);
    expect(await opened.db.delivery.count({ where: { endpointId: endpoint.id, status: "pending" } })).toBe(16);
  });
});
