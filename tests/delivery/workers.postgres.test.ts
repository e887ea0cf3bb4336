// Several app instances on one PostgreSQL database: their workers claim with
// FOR UPDATE SKIP LOCKED, so no delivery is attempted twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import { openPostgres, type OpenedDatabase } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { publishEventIn } from "@/lib/delivery/publish";
import { createSender } from "@/lib/delivery/sender";
import { startWorker } from "@/lib/delivery/worker";
import { createEndpoint } from "@/lib/webhooks";
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
