// The delivery functions end to end through a fake Inngest on the wire
// (tests/helpers/inngest-executor.ts): events go to its event API, it calls the app's real
// /api/inngest handlers with signed requests and sleeps on a virtual clock shared with the
// delivery context, and a real receiver answers. The assertions are what a user would see:
// the requests the receiver got and when (virtual time), and each delivery's status and attempts.
import { Inngest } from "inngest";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import { dueDeliveriesOfEndpoint, notifyInngestMessagePublished, requestDeliveryAttempts, STRANDED_AFTER_MS } from "@/lib/delivery/inngest";
import { inngestHandlers } from "@/lib/delivery/inngest/serve";
import { publishEvent } from "@/lib/delivery/publish";
import { recoverFailedDeliveries, resendDelivery } from "@/lib/delivery/recovery";
import { createSender } from "@/lib/delivery/sender";
import { createEndpoint } from "@/lib/webhooks";
import { AUTO_DISABLE_AFTER_MS } from "@/lib/webhooks/endpoint-state";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { InngestExecutor, type ExecutorOptions } from "../helpers/inngest-executor";
import { startReceiver, type ReceivedRequest, type Receiver } from "../helpers/receiver";

const SIGNING_KEY = `signkey-test-${"a7".repeat(32)}`;
const EVENT_KEY = "wire-test-event-key";
const T0 = new Date("2026-03-01T12:00:00.000Z").getTime();
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 3600 * SECOND;

let opened: OpenedDatabase;
let receiver: Receiver;
let inngest: InngestExecutor;
let client: Inngest;
let ctx: DeliveryContext;
/** While true, every step's context fails to build, as when the database is unreachable. */
let databaseDown = false;
/** What the receiver got, with the virtual time it got it. */
let received: (ReceivedRequest & { at: number })[];

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});
beforeEach(async () => {
  await startInngest();
});
afterEach(async () => {
  inngest.assertClean();
  await inngest.close();
});

async function startInngest(options: Partial<ExecutorOptions> = {}) {
  await inngest?.close();
  inngest = await InngestExecutor.start({ signingKey: SIGNING_KEY, eventKey: EVENT_KEY, start: new Date(T0), ...options });
  client = new Inngest({ id: "control-center", signingKey: SIGNING_KEY, eventKey: EVENT_KEY, baseUrl: inngest.apiUrl, isDev: false });
  const executor = inngest;
  ctx = deliveryContext(opened.db, { now: () => executor.now(), send: createSender({ allowPrivate: true }) });
  databaseDown = false;
  const context = () => {
    if (databaseDown) throw new Error("Can't reach database server at 127.0.0.1:5432");
    return ctx;
  };
  executor.connect(inngestHandlers(context, { client, env: () => executor.env(), retentionDays: () => 30 }));
  await executor.sync();
  received = [];
  answerWith(() => 200);
}

/** The receiver answers each request with `status(n)` (n: 1 for its first request). */
function answerWith(status: (n: number, req: ReceivedRequest) => number) {
  receiver.respondWith((req, res) => {
    received.push({ ...req, at: inngest.now().getTime() });
    res.writeHead(status(received.length, req));
    res.end();
  });
}

type Policy = { ordered?: boolean; maxRatePerSec?: number; retrySchedule?: number[] };

async function endpointOf(orgId: string, path: string, policy: Policy = {}, events: string[] = []) {
  const endpoint = await createEndpoint(
    opened.db,
    orgId,
    { name: path, url: `${receiver.url}${path}`, events: events as never, format: "standard", headers: {}, active: true },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
  if (Object.keys(policy).length) await opened.db.endpoint.update({ where: { id: endpoint.id }, data: policy });
  return endpoint;
}

async function orgWithEndpoint(path: string, policy: Policy = {}) {
  const { org } = await createOrgWithUser(opened.db);
  return { org, endpoint: await endpointOf(org.id, path, policy) };
}

/** Publishes one event at the current virtual time and tells Inngest, as the app does. */
async function publish(orgId: string, { notify = true } = {}) {
  const { message } = await publishEvent(opened.db, { orgId, type: "project.updated", data: { project: { id: "p", name: "P" } } }, inngest.now());
  if (notify) expect(await notifyInngestMessagePublished(message.id, orgId, client)).toBe(true);
  return message;
}

const deliveriesOf = (messageId: string) => opened.db.delivery.findMany({ where: { messageId }, orderBy: { id: "asc" } });
const deliveryOf = async (messageId: string) => (await deliveriesOf(messageId))[0];
const since = (at: number) => at - T0;

describe("delivering through Inngest", () => {
  it("fans a published message out to one signed request per subscribed endpoint", async () => {
    const { org } = await createOrgWithUser(opened.db);
    await endpointOf(org.id, "/a");
    await endpointOf(org.id, "/b");
    await endpointOf(org.id, "/builds-only", {}, ["build.failed"]);
    const message = await publish(org.id);

    await inngest.runUntilIdle();

    expect(received.map((r) => r.path).sort()).toEqual(["/a", "/b"]);
    for (const req of received) {
      expect(req.headers["webhook-id"]).toBe(message.id);
      expect(req.headers["webhook-timestamp"]).toBe(String(T0 / 1000));
      expect(req.headers["webhook-signature"]).toMatch(/^v1,/);
      expect(req.at).toBe(T0);
    }
    expect((await deliveriesOf(message.id)).map((d) => [d.status, d.attemptCount])).toEqual([
      ["succeeded", 1],
      ["succeeded", 1],
    ]);
    expect(inngest.runs.every((r) => r.status === "completed")).toBe(true);
  });

  it("retries a failing endpoint at the times of its retry schedule, and succeeds once it recovers", async () => {
    const { org } = await orgWithEndpoint("/flaky", { retrySchedule: [10, 60, 300] });
    answerWith((n) => (n <= 3 ? 503 : 200));
    const message = await publish(org.id);

    await inngest.runUntilIdle();

    expect(received.map((r) => since(r.at))).toEqual([0, 10 * SECOND, 70 * SECOND, 370 * SECOND]);
    expect(received.every((r) => r.headers["webhook-id"] === message.id)).toBe(true);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 4 });
    const attempts = await opened.db.deliveryAttempt.findMany({ where: { deliveryId: (await deliveryOf(message.id)).id }, orderBy: { number: "asc" } });
    expect(attempts.map((a) => [a.responseStatus, since(a.sentAt.getTime())])).toEqual([
      [503, 0],
      [503, 10 * SECOND],
      [503, 70 * SECOND],
      [200, 370 * SECOND],
    ]);
  });

  it("gives up after the schedule, and a recover requests the endpoint's failed deliveries again", async () => {
    const { org, endpoint } = await orgWithEndpoint("/down", { retrySchedule: [5] });
    answerWith(() => 500);
    const first = await publish(org.id);
    const second = await publish(org.id);
    await inngest.runUntilIdle();
    expect(since(inngest.now().getTime())).toBe(5 * SECOND);
    for (const m of [first, second]) expect(await deliveryOf(m.id)).toMatchObject({ status: "failed", attemptCount: 2 });
    expect(received).toHaveLength(4);

    // An hour later the endpoint is back, and its owner recovers.
    await inngest.advanceTo(T0 + 3600 * SECOND);
    answerWith(() => 200);
    const { resent } = await recoverFailedDeliveries(ctx, org.id, endpoint.id, { since: new Date(0) }, systemActor);
    expect(resent).toBe(2);
    expect(await requestDeliveryAttempts(await dueDeliveriesOfEndpoint(ctx, org.id, endpoint.id), client)).toBe(true);
    await inngest.runUntilIdle();

    expect(received.slice(4).map((r) => [r.headers["webhook-id"], since(r.at)]).sort()).toEqual(
      [first.id, second.id].sort().map((id) => [id, 3600 * SECOND]),
    );
    for (const m of [first, second]) expect(await deliveryOf(m.id)).toMatchObject({ status: "succeeded", attemptCount: 3 });
  });

  it("a resend while a run waits for the next retry delivers at once, and the waking run sends nothing more", async () => {
    const { org } = await orgWithEndpoint("/resend");
    answerWith((n) => (n === 1 ? 503 : 200));
    const message = await publish(org.id);
    const delivery = await deliveryOf(message.id);
    let resent: Awaited<ReturnType<typeof resendDelivery>> | undefined;
    // The default schedule retries after 5 s; the owner resends after 2 s.
    inngest.at(T0 + 2 * SECOND, async () => {
      resent = await resendDelivery(ctx, org.id, delivery.id, systemActor);
    });

    await inngest.runUntilIdle();

    expect(resent).toMatchObject({ status: "succeeded", attempt: 2 });
    expect(received.map((r) => since(r.at))).toEqual([0, 2 * SECOND]);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 2 });
    // The run did wake at its retry time and found nothing owed.
    expect(inngest.runsOf("deliver-webhook").map((r) => [r.status, since(r.endedAt!.getTime())])).toEqual([["completed", 5 * SECOND]]);
  });

  it("delivers to an ordered endpoint in publish order, even when the first message fails a few times", async () => {
    const { org } = await orgWithEndpoint("/ordered", { ordered: true, retrySchedule: [5, 5, 5, 5] });
    answerWith((n) => (n <= 3 ? 503 : 200));
    const messages = [];
    for (let i = 0; i < 3; i++) {
      messages.push(await publish(org.id));
      // A millisecond apart: publish order is creation order.
      await inngest.advanceTo(inngest.now().getTime() + 1);
    }

    await inngest.runUntilIdle();

    const order = received.map((r) => r.headers["webhook-id"]);
    expect(order).toEqual([messages[0].id, messages[0].id, messages[0].id, messages[0].id, messages[1].id, messages[2].id]);
    // The later messages went only after the first succeeded (15 s: three retries 5 s apart).
    expect(received.slice(3).map((r) => since(r.at))).toEqual([15 * SECOND, 15 * SECOND, 15 * SECOND]);
    for (const [i, m] of messages.entries()) expect(await deliveryOf(m.id)).toMatchObject({ status: "succeeded", attemptCount: i === 0 ? 4 : 1 });
  });

  it("never sends a rate-capped endpoint more than its max rate in any second", async () => {
    const { org } = await orgWithEndpoint("/capped", { maxRatePerSec: 2 });
    const messages = [];
    for (let i = 0; i < 6; i++) messages.push(await publish(org.id));

    await inngest.runUntilIdle();

    expect(received).toHaveLength(6);
    for (const r of received) expect(received.filter((o) => o.at >= r.at && o.at < r.at + SECOND).length).toBeLessThanOrEqual(2);
    expect(new Set(received.map((r) => r.headers["webhook-id"]))).toEqual(new Set(messages.map((m) => m.id)));
    for (const m of messages) expect(await deliveryOf(m.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
    // It took three seconds, two at a time.
    expect(received.map((r) => since(r.at))).toEqual([0, 0, SECOND, SECOND, 2 * SECOND, 2 * SECOND]);
  });
});

describe("concurrency", () => {
  it("keeps at most 16 deliveries to one endpoint in progress; the rest wait for a slot", async () => {
    const { org } = await orgWithEndpoint("/busy", { retrySchedule: [60] });
    answerWith((n) => (n <= 16 ? 503 : 200));
    const messages = [];
    for (let i = 0; i < 20; i++) messages.push(await publish(org.id));

    await inngest.runUntilIdle();

    // 16 first attempts now; the other 4 once the first runs finished, a minute later.
    expect(received.filter((r) => r.at === T0)).toHaveLength(16);
    expect(received.filter((r) => r.at === T0 + MINUTE)).toHaveLength(20);
    for (const m of messages) expect(await deliveryOf(m.id)).toMatchObject({ status: "succeeded" });
  });
});

describe("the crons", () => {
  it("the stranded sweep requests a delivery whose event never reached Inngest", async () => {
    const { org } = await orgWithEndpoint("/stranded");
    const message = await publish(org.id, { notify: false });
    // The sweep runs every 5 minutes; it requests the delivery at its first run once it is stranded.
    for (let minutes = 5; minutes <= 30; minutes += 5) inngest.at(T0 + minutes * MINUTE, () => inngest.invokeCron("requeue-stranded-deliveries"));
    const firstSweepAfter = Math.ceil(STRANDED_AFTER_MS / (5 * MINUTE)) * 5 * MINUTE;

    await inngest.runUntilIdle();

    // (Other tests' deliveries in this database are not this test's business.)
    const here = received.filter((r) => r.path === "/stranded");
    expect(here.map((r) => [r.headers["webhook-id"], since(r.at)])).toEqual([[message.id, firstSweepAfter]]);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(inngest.runsOf("requeue-stranded-deliveries").map((r) => r.status)).toEqual(Array(6).fill("completed"));
  });

  it("disable-stale-endpoints disables an endpoint failing for more than 5 days", async () => {
    const { endpoint } = await orgWithEndpoint("/stale");
    await opened.db.endpoint.update({ where: { id: endpoint.id }, data: { failingSince: new Date(T0 - AUTO_DISABLE_AFTER_MS - MINUTE) } });

    const run = inngest.invokeCron("disable-stale-endpoints");
    await inngest.runUntilIdle();

    expect(run.status).toBe("completed");
    expect(await opened.db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ active: false, disabledAt: new Date(T0) });
  });

  it("prune-delivery-log deletes settled deliveries older than the retention period", async () => {
    const { org } = await orgWithEndpoint("/prune");
    // Delivered 40 days ago (the simulation starts then), and one today.
    await startInngest({ start: new Date(T0 - 40 * DAY) });
    const old = await publish(org.id);
    await inngest.runUntilIdle();
    await inngest.advanceTo(T0);
    const recent = await publish(org.id);
    await inngest.runUntilIdle();
    expect(received).toHaveLength(2);

    const run = inngest.invokeCron("prune-delivery-log");
    await inngest.runUntilIdle();

    expect(run.status).toBe("completed");
    expect(await opened.db.message.count({ where: { id: old.id } })).toBe(0);
    expect(await opened.db.delivery.count({ where: { messageId: recent.id, status: "succeeded" } })).toBe(1);
  });
});

describe("faults Inngest may bring", () => {
  it("a lost response makes the attempt step run again: the receiver still gets one request", async () => {
    // Lose the first answer carrying a delivery step's result (no checkpoint: it is only in the answer).
    let lost = 0;
    await startInngest({
      checkpointing: false,
      hooks: {
        loseResult: ({ run, ops }) => {
          if (lost || !run.fnId.endsWith("deliver-webhook") || !ops?.some((o) => o.op === "StepRun")) return false;
          lost++;
          return true;
        },
      },
    });
    const { org } = await orgWithEndpoint("/lost");
    const message = await publish(org.id);

    await inngest.runUntilIdle();

    expect(lost).toBe(1);
    expect(received).toHaveLength(1);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
    expect(inngest.runsOf("deliver-webhook").map((r) => r.status)).toEqual(["completed"]);
  });

  it("a run woken 600 ms early attempts at once; one woken 3 s early sleeps again", async () => {
    const { org } = await orgWithEndpoint("/early", { retrySchedule: [5, 5] });
    answerWith((n) => (n <= 2 ? 503 : 200));
    const offsets = [-600, -3000];
    let wakes = 0;
    inngest.hooks.wakeOffsetMs = () => offsets[wakes++] ?? 0;
    const message = await publish(org.id);

    await inngest.runUntilIdle();

    // 5 s − 0.6 s; then the next retry 5 s after that, woken 3 s early, slept again until due.
    expect(received.map((r) => since(r.at))).toEqual([0, 4400, 9400]);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 3 });
  });

  it("two runs racing for one delivery (a duplicate request) send it once", async () => {
    await startInngest({ maxParallel: 4 });
    const { org } = await orgWithEndpoint("/race");
    const message = await publish(org.id, { notify: false });
    const delivery = await deliveryOf(message.id);
    const request = { deliveryId: delivery.id, endpointId: delivery.endpointId };
    expect(await requestDeliveryAttempts([request, request], client)).toBe(true);

    await inngest.runUntilIdle();

    expect(inngest.runsOf("deliver-webhook").map((r) => [r.status, r.startedAt])).toEqual([
      ["completed", new Date(T0)],
      ["completed", new Date(T0)],
    ]);
    expect(received).toHaveLength(1);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
  });

  it("a call that fails before it reaches the app is retried after Inngest's backoff", async () => {
    let failed = 0;
    inngest.hooks.failRequest = ({ run }) => run.fnId.endsWith("deliver-webhook") && !failed++;
    const { org } = await orgWithEndpoint("/unreachable-app");
    const message = await publish(org.id);

    await inngest.runUntilIdle();

    expect(received.map((r) => since(r.at))).toEqual([10 * SECOND]);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
  });
});

// What reading the functions against the SDK found; each of these failed before its fix.
describe("no delivery waits out a lost result or a failed run", () => {
  /** The sweep every 5 minutes for the first hour, as its cron runs it. */
  const sweepEvery5Minutes = () => {
    for (let minutes = 5; minutes <= 60; minutes += 5) inngest.at(T0 + minutes * MINUTE, () => inngest.invokeCron("requeue-stranded-deliveries"));
  };

  it("a re-run of the step that settled an ordered endpoint's head still requests the next message", async () => {
    // The first answer carrying the head's successful attempt is lost (no checkpoint keeps it).
    // Both runs go at once (Inngest's concurrency limit counts steps in progress, not runs): the
    // second finds the head in flight and ends, waiting for its turn to be requested.
    let lost = 0;
    await startInngest({
      checkpointing: false,
      concurrencyCounts: "steps",
      maxParallel: 2,
      hooks: {
        loseResult: ({ run, ops }) =>
          !lost && run.fnId.endsWith("deliver-webhook") && Boolean(ops?.some((o) => o.op === "StepRun" && (o.data as { status?: string })?.status === "succeeded")) && ++lost > 0,
      },
    });
    const { org } = await orgWithEndpoint("/ordered-lost", { ordered: true });
    const first = await publish(org.id);
    const second = await publish(org.id);

    await inngest.runUntilIdle();

    expect(lost).toBe(1);
    // The second goes when Inngest retried the lost call (10 s), not when the sweep finds it.
    expect(received.map((r) => [r.headers["webhook-id"], since(r.at)])).toEqual([
      [first.id, 0],
      [second.id, 10 * SECOND],
    ]);
  });

  it("when the send that requests an ordered endpoint's next message fails for good, the sweep sends it within 15 minutes", async () => {
    // One step per call: once the head's attempt is memoized, every call of its run fails, so the
    // step that would request the next message never gets through.
    await startInngest({ checkpointing: false, concurrencyCounts: "steps", maxParallel: 2 });
    const { org } = await orgWithEndpoint("/ordered-next-failed", { ordered: true });
    const first = await publish(org.id);
    const headRun = () => inngest.runs.find((r) => r.fnId.endsWith("deliver-webhook") && r.event.data.deliveryId !== undefined && r.startedAt?.getTime() === T0);
    inngest.hooks.failRequest = ({ run }) => run === headRun() && Object.keys(run.steps).length > 0;
    const second = await publish(org.id);
    sweepEvery5Minutes();

    await inngest.runUntilIdle();

    const here = received.filter((r) => r.path === "/ordered-next-failed");
    expect(here.map((r) => r.headers["webhook-id"])).toEqual([first.id, second.id]);
    expect(since(here[1].at)).toBeLessThanOrEqual(15 * MINUTE);
    expect(await deliveryOf(second.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
  });

  it("a run Inngest gives up on before it claims hands its delivery back, and the sweep sends it within 15 minutes", async () => {
    // Every try of the delivery run's first call fails: Inngest gives up and fires function.failed.
    let failing = true;
    inngest.hooks.failRequest = ({ run }) => failing && run.fnId === "control-center-deliver-webhook";
    const { org } = await orgWithEndpoint("/run-failed");
    const message = await publish(org.id);
    sweepEvery5Minutes();
    inngest.at(T0 + 3 * MINUTE, () => {
      failing = false;
    });

    await inngest.runUntilIdle();

    expect(inngest.runsOf("deliver-webhook")[0].status).toBe("failed");
    expect(inngest.runsOf("deliver-webhook-failure").map((r) => r.status)).toEqual(["completed"]);
    const here = received.filter((r) => r.path === "/run-failed");
    expect(here).toHaveLength(1);
    expect(since(here[0].at)).toBeLessThanOrEqual(15 * MINUTE);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 1, requestedAt: null });
  });

  it("with the database down for every try of the run (and of its failure handler), the sweep sends the delivery within 15 minutes", async () => {
    const { org } = await orgWithEndpoint("/database-down");
    const message = await publish(org.id);
    // Once the fan-out has run, no step's context can be built until the database is back.
    inngest.at(T0, () => {
      databaseDown = true;
    });
    inngest.at(T0 + 3 * MINUTE, () => {
      databaseDown = false;
    });
    sweepEvery5Minutes();

    await inngest.runUntilIdle();

    expect(inngest.runsOf("fan-out-message").map((r) => r.status)).toEqual(["completed"]);
    expect(inngest.runsOf("deliver-webhook")[0].status).toBe("failed");
    const here = received.filter((r) => r.path === "/database-down");
    expect(here).toHaveLength(1);
    expect(since(here[0].at)).toBeLessThanOrEqual(15 * MINUTE);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
  });

  it("a fan-out whose send never gets through marks nothing requested, and the sweep delivers within 15 minutes", async () => {
    // The fan-out loads its deliveries, then every try of its send fails (one step per call, no
    // checkpoints: the call that would send never gets through).
    await startInngest({ checkpointing: false });
    inngest.hooks.failRequest = ({ run }) => run.fnId.endsWith("fan-out-message") && Object.keys(run.steps).length > 0;
    const { org } = await orgWithEndpoint("/fan-out-failed");
    const message = await publish(org.id);
    sweepEvery5Minutes();

    await inngest.runUntilIdle();

    expect(inngest.runsOf("fan-out-message")[0].status).toBe("failed");
    const here = received.filter((r) => r.path === "/fan-out-failed");
    expect(here).toHaveLength(1);
    expect(since(here[0].at)).toBeLessThanOrEqual(15 * MINUTE);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded", attemptCount: 1 });
  });

  it("a sweep whose find step's result is lost still requests the stranded delivery", async () => {
    let lost = 0;
    await startInngest({
      checkpointing: false,
      hooks: { loseResult: ({ run, ops }) => !lost && run.fnId.endsWith("requeue-stranded-deliveries") && Boolean(ops?.some((o) => o.op === "StepRun")) && ++lost > 0 },
    });
    const { org } = await orgWithEndpoint("/sweep-lost");
    const message = await publish(org.id, { notify: false });
    inngest.at(T0 + 10 * MINUTE, () => inngest.invokeCron("requeue-stranded-deliveries"));

    await inngest.runUntilIdle();

    expect(lost).toBe(1);
    // Requested when Inngest retried the sweep's lost call, 10 s later.
    expect(received.filter((r) => r.path === "/sweep-lost").map((r) => since(r.at))).toEqual([10 * MINUTE + 10 * SECOND]);
    expect(await deliveryOf(message.id)).toMatchObject({ status: "succeeded" });
  });

  it("an ordered endpoint's retry woken half a second early goes at once instead of sleeping again", async () => {
    const { org } = await orgWithEndpoint("/ordered-early", { ordered: true, retrySchedule: [30] });
    answerWith((n) => (n === 1 ? 503 : 200));
    inngest.hooks.wakeOffsetMs = () => -500;
    await publish(org.id);

    await inngest.runUntilIdle();

    expect(received.map((r) => since(r.at))).toEqual([0, 29_500]);
    // One sleep: the early wake did not cost the run another round.
    const run = inngest.runsOf("deliver-webhook")[0];
    expect(run.log.filter((e) => e.kind === "wake")).toHaveLength(1);
  });
});
