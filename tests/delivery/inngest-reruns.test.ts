// Inngest runs a step at least once: a step that throws is retried, and a step whose result was
// lost runs again. The attempt step must neither strand its delivery nor send it twice:
// the run owns its lease (its run id), releases it on a throw, and keeps sleeping when a
// re-run finds the retry it scheduled itself.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import { attemptDelivery, createDeliveryFunctions, STRANDED_AFTER_MS } from "@/lib/delivery/inngest";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender, type Sender } from "@/lib/delivery/sender";
import { markRequested, strandedDeliveries } from "@/lib/delivery/claim";
import { deliverDueOnce } from "@/lib/delivery/worker";
import { createEndpoint, type DeliveryPolicy } from "@/lib/webhooks";
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

async function oneDelivery(policy: Partial<DeliveryPolicy> = {}) {
  return (await deliveriesTo(1, policy))[0];
}

/** `count` messages to one new endpoint with this delivery policy, published one after another. */
async function deliveriesTo(count: number, policy: Partial<DeliveryPolicy> = {}) {
  const { org } = await createOrgWithUser(opened.db);
  await createEndpoint(
    opened.db,
    org.id,
    { name: "reruns", url: `${receiver.url}/reruns`, events: [], format: "standard", headers: {}, active: true, policy },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
  const deliveries = [];
  for (let i = 0; i < count; i++) {
    const { message } = await publishEvent(opened.db, { orgId: org.id, type: "project.updated", data: { project: { id: "p", name: `P${i}` } } }, clock);
    deliveries.push(await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } }));
    clock = new Date(clock.getTime() + 1);
  }
  return deliveries;
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

describe("ordered and rate-capped endpoints, run again", () => {
  it("a re-run of the step that settled an ordered endpoint's head names the next in line again", async () => {
    const [head, second] = await deliveriesTo(2, { ordered: true });
    const settled = await attemptDelivery(ctx, head.id, "run-a");
    expect(settled).toMatchObject({ attempted: true, status: "succeeded", nextInLine: { deliveryId: second.id } });

    // Its result was lost; Inngest runs the step again and finds the head settled. Without the
    // next in line named here, the second delivery would wait for the sweep.
    const rerun = await attemptDelivery(ctx, head.id, "run-a");
    expect(rerun).toMatchObject({ attempted: false, reason: "settled", nextInLine: { deliveryId: second.id, endpointId: second.endpointId }, settledByAttempt: 1 });
    expect(receiver.requests).toHaveLength(1);

    // The function requests it with the same event id either way, so Inngest starts one run.
    const functions = createDeliveryFunctions(() => ctx, { retentionDays: () => 30 });
    const { ctx: run } = await new InngestTestEngine({
      function: functions.deliverWebhook,
      events: [{ name: "delivery/attempt.requested", data: { deliveryId: head.id, endpointId: head.endpointId } }],
      steps: [{ id: "request-next-1", handler: () => ({ ids: [] }) }],
    }).execute();
    expect(run.step.sendEvent).toHaveBeenCalledWith(
      "request-next-1",
      expect.objectContaining({ id: `turn-${second.id}-after-${head.id}-1`, data: { deliveryId: second.id, endpointId: second.endpointId } }),
    );
  });

  for (const policy of [{ ordered: true }, { max_rate_per_second: 5 }] as const) {
    it(`a run woken half a second early attempts its retry at once on a ${"ordered" in policy ? "ordered" : "rate-capped"} endpoint`, async () => {
      const delivery = await oneDelivery({ ...policy, retry_schedule_seconds: [30] });
      answer(503);
      const first = await attemptDelivery(ctx, delivery.id, "run-a");
      expect(first).toMatchObject({ attempted: true, status: "pending" });
      answer(200);
      const retryAt = first.nextAttemptAt!;

      // Inngest rounds the sleep: the run wakes 500 ms before the time it slept until.
      clock = new Date(Date.parse(retryAt) - 500);
      expect(await attemptDelivery(ctx, delivery.id, "run-a", retryAt)).toMatchObject({ attempted: true, status: "succeeded", attemptNumber: 2 });
      expect(receiver.requests).toHaveLength(2);
    });
  }
});

describe("a rate-capped endpoint after an attempt that threw", () => {
  it("counts a request that may have gone out unrecorded against the cap for the rest of its second", async () => {
    const [first, second] = await deliveriesTo(2, { max_rate_per_second: 1 });
    // The request goes out, then the step throws before the attempt is recorded.
    const real = createSender({ allowPrivate: true });
    const dies: Sender = async (req) => {
      await real(req);
      throw new Error("the process died after sending");
    };
    await expect(attemptDelivery(deliveryContext(opened.db, { now: () => clock, send: dies }), first.id, "run-a")).rejects.toThrow("died");
    expect(receiver.requests).toHaveLength(1);

    // In the same second, another delivery to the endpoint waits for room instead of going too.
    expect(await attemptDelivery(ctx, second.id, "run-b")).toMatchObject({ attempted: false, reason: "rate-limited" });
    expect(receiver.requests).toHaveLength(1);

    // A second later both may go again, one per second.
    clock = new Date(clock.getTime() + 1001);
    expect(await attemptDelivery(ctx, first.id, "run-a")).toMatchObject({ attempted: true, status: "succeeded" });
    expect(await attemptDelivery(ctx, second.id, "run-b")).toMatchObject({ attempted: false, reason: "rate-limited" });
    expect(receiver.requests).toHaveLength(2);
  });
});

describe("the stranded sweep under a backlog", () => {
  const tick = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  /** What the sweep requests now (and then marks requested, as the sweep function does once it sent them). */
  const sweep = async () => {
    const ids = (await strandedDeliveries(ctx, STRANDED_AFTER_MS, 5000)).map((r) => r.deliveryId);
    await markRequested(ctx, ids);
    return ids;
  };

  it("marks the fan-out's deliveries requested only once Inngest took the events", async () => {
    const delivery = await oneDelivery();
    const functions = createDeliveryFunctions(() => ctx, { retentionDays: () => 30 });
    const fanOut = (sent: () => unknown) =>
      new InngestTestEngine({
        function: functions.fanOutMessage,
        events: [{ name: "delivery/message.published", data: { messageId: delivery.messageId, orgId: delivery.organizationId } }],
        steps: [{ id: "request-attempts-1", handler: sent }],
      }).execute();

    // While the events are sent, nothing yet says a run is coming: were the send to fail on every
    // try, the sweep would not wait for a run that was never requested.
    let requestedWhileSending: Date | null | undefined;
    await fanOut(async () => {
      requestedWhileSending = (await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).requestedAt;
      return { ids: [] };
    });
    expect(requestedWhileSending).toBeNull();
    expect((await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).requestedAt).toEqual(clock);
  });

  it("leaves a requested delivery to its run for 10 minutes, then requests it again (a duplicate run is harmless)", async () => {
    const delivery = await oneDelivery();
    await markRequested(ctx, [delivery.id]);

    // Queued behind the endpoint's concurrency limit: not stranded yet.
    tick(9 * 60_000);
    expect(await sweep()).not.toContain(delivery.id);
    // Still unclaimed 10 minutes after it fell due (a run that failed before it claimed, a lost
    // event): requested again, and then left to that request for another 10 minutes.
    tick(60_000);
    expect(await sweep()).toContain(delivery.id);
    tick(5 * 60_000);
    expect(await sweep()).not.toContain(delivery.id);
    tick(5 * 60_000);
    expect(await sweep()).toContain(delivery.id);
  });

  it("requests a delivery again 10 minutes after it fell due when the run that claimed it is gone", async () => {
    const delivery = await oneDelivery();
    await markRequested(ctx, [delivery.id]);
    answer(503);
    // The run claims it (the request is fulfilled), attempts, schedules a retry in 5 s, then dies.
    expect(await attemptDelivery(ctx, delivery.id, "run-a")).toMatchObject({ attempted: true, status: "pending" });
    expect((await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).requestedAt).toBeNull();

    tick(5_000 + 10 * 60_000);
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
