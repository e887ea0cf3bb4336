// Inngest runs a step at least once: a step that throws is retried, and a step whose result was
// lost runs again. The attempt step must neither strand its delivery nor send it twice:
// the run owns its lease (its run id), releases it on a throw, and keeps sleeping when a
// re-run finds the retry it scheduled itself.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import { attemptDelivery, createDeliveryFunctions } from "@/lib/delivery/inngest";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender, type Sender } from "@/lib/delivery/sender";
import { markRequested, strandedDeliveries } from "@/lib/delivery/claim";
import { deliverDueOnce } from "@/lib/delivery/worker";
import { createEndpoint } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";

let opened: OpenedDatabase;
let receiver: Receiver;
let clock: Date;
let ctx: DeliveryContext;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});
beforeEach(() => {
  clock = new Date("2026-03-01T12:00:00.000Z");
  ctx = deliveryContext(opened.db, { now: () => clock, send: createSender({ allowPrivate: true }) });
  receiver.requests.length = 0;
  answer(200);
});

function answer(status: number) {
  receiver.respondWith((_req, res) => {
    res.writeHead(status);
    res.end();
  });
}

/** A sender that throws once (a bug, a dead dependency), then sends for real. */
function throwingOnce(): Sender {
  let thrown = false;
  const real = createSender({ allowPrivate: true });
  return async (req) => {
    if (!thrown) {
      thrown = true;
      throw new Error("the sender broke");
    }
    return real(req);
  };
}

async function oneDelivery() {
  const { org } = await createOrgWithUser(opened.db);
  await createEndpoint(
    opened.db,
    org.id,
    { name: "reruns", url: `${receiver.url}/reruns`, events: [], format: "standard", headers: {}, active: true },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
  const { message } = await publishEvent(opened.db, { orgId: org.id, type: "project.updated", data: { project: { id: "p", name: "P" } } }, clock);
  return opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } });
}

const stateOf = (id: string) => opened.db.delivery.findUniqueOrThrow({ where: { id }, select: { status: true, attemptCount: true, leaseUntil: true, leaseOwner: true } });

describe("the attempt step, run again", () => {
  it("releases its lease when the attempt throws, and the retried step attempts the delivery", async () => {
    const delivery = await oneDelivery();
    const broken = deliveryContext(opened.db, { now: () => clock, send: throwingOnce() });

    await expect(attemptDelivery(broken, delivery.id, "run-a")).rejects.toThrow("the sender broke");
    // Not left leased for 120 s: owed an attempt again at once.
    expect(await stateOf(delivery.id)).toMatchObject({ status: "pending", attemptCount: 0, leaseUntil: null });

    // Inngest retries the step: the same run claims it and sends.
    expect(await attemptDelivery(broken, delivery.id, "run-a")).toMatchObject({ attempted: true, status: "succeeded", attemptNumber: 1 });
    expect(receiver.requests).toHaveLength(1);
  });

  it("carries on with its own lease after a crash between claim and record, while another run keeps off", async () => {
    const delivery = await oneDelivery();
    // Run A claimed the delivery, then its process died before recording: the lease is A's.
    await opened.db.delivery.update({ where: { id: delivery.id }, data: { leaseUntil: new Date(clock.getTime() + 120_000), leaseOwner: "run-a" } });

    expect(await attemptDelivery(ctx, delivery.id, "run-b")).toMatchObject({ attempted: false, reason: "in-flight" });
    expect(await attemptDelivery(ctx, delivery.id, "run-a")).toMatchObject({ attempted: true, status: "succeeded" });
    expect(receiver.requests).toHaveLength(1);
  });

  it("keeps sleeping when a re-run finds the retry it scheduled itself (its first result was lost)", async () => {
    const delivery = await oneDelivery();
    answer(503);
    const first = await attemptDelivery(ctx, delivery.id, "run-a");
    expect(first).toMatchObject({ attempted: true, status: "pending" });

    // The step runs again; the delivery is not due yet, and the last attempt was this run's.
    expect(await attemptDelivery(ctx, delivery.id, "run-a")).toMatchObject({ attempted: false, reason: "not-due", ownedByThisRun: true });
    // Another run's view of it: not due, not its own.
    const other = await attemptDelivery(ctx, delivery.id, "run-b");
    expect(other).not.toHaveProperty("ownedByThisRun");
    expect(receiver.requests).toHaveLength(1);
    // Inngest stores step results as JSON: they come back the same.
    for (const result of [first, other]) expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it("the function sleeps until that retry and attempts it, instead of ending with the delivery stranded", async () => {
    const delivery = await oneDelivery();
    answer(503);
    await attemptDelivery(ctx, delivery.id, "run-a");
    const retryAt = (await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).nextAttemptAt!;
    answer(200);
    const functions = createDeliveryFunctions(() => ctx, { retentionDays: () => 30 });

    const { result, ctx: run } = await new InngestTestEngine({
      function: functions.deliverWebhook,
      events: [{ name: "delivery/attempt.requested", data: { deliveryId: delivery.id, endpointId: delivery.endpointId } }],
      steps: [
        // What a re-run of the first attempt step returns when its first result was lost.
        { id: "attempt-1", handler: () => ({ attempted: false, reason: "not-due", status: "pending", nextAttemptAt: retryAt.toISOString(), ownedByThisRun: true }) },
        {
          id: "wait-1",
          handler() {
            clock = retryAt;
          },
        },
      ],
    }).execute();

    expect(run.step.sleepUntil).toHaveBeenCalledWith("wait-1", retryAt.toISOString());
    expect(result).toMatchObject({ attempted: true, status: "succeeded", attemptNumber: 2 });
  });
});

describe("the stranded sweep under a backlog", () => {
  const tick = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const sweep = async () => (await strandedDeliveries(ctx, 15 * 60_000, 5000)).map((r) => r.deliveryId);

  it("leaves a delivery whose run is queued but has not claimed it alone for a day, then requests it once more", async () => {
    const delivery = await oneDelivery();
    const functions = createDeliveryFunctions(() => ctx, { retentionDays: () => 30 });
    await new InngestTestEngine({
      function: functions.fanOutMessage,
      events: [{ name: "delivery/message.published", data: { messageId: delivery.messageId, orgId: delivery.organizationId } }],
      steps: [{ id: "request-attempts-1", handler: () => ({ ids: [] }) }],
    }).execute();
    expect((await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).requestedAt).toEqual(clock);

    // Queued behind the endpoint's concurrency limit for an hour: not stranded.
    tick(60 * 60_000);
    expect(await sweep()).not.toContain(delivery.id);
    // A day on, still unclaimed: requested again, once.
    tick(24 * 3600_000);
    expect(await sweep()).toContain(delivery.id);
    expect(await sweep()).not.toContain(delivery.id);
  });

  it("requests a delivery again 15 minutes after it fell due when the run that claimed it is gone", async () => {
    const delivery = await oneDelivery();
    await markRequested(ctx, [delivery.id]);
    answer(503);
    // The run claims it (the request is fulfilled), attempts, schedules a retry in 5 s, then dies.
    expect(await attemptDelivery(ctx, delivery.id, "run-a")).toMatchObject({ attempted: true, status: "pending" });
    expect((await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).requestedAt).toBeNull();

    tick(5_000 + 16 * 60_000);
    expect(await sweep()).toContain(delivery.id);
  });
});

describe("the embedded worker", () => {
  it("releases a batch's leases when its round throws, so the deliveries go at the next round", async () => {
    const delivery = await oneDelivery();
    const broken = deliveryContext(opened.db, { now: () => clock, send: throwingOnce() });

    await expect(deliverDueOnce(broken)).rejects.toThrow("the sender broke");
    expect(await stateOf(delivery.id)).toMatchObject({ status: "pending", leaseUntil: null });
    expect(await deliverDueOnce(broken)).toBeGreaterThanOrEqual(1);
    expect(await stateOf(delivery.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
  });
});
