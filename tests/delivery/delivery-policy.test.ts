// Per-endpoint delivery policy through real HTTP, in both engines: ordered delivery (FIFO)
// under concurrency with a receiver that answers at random speeds, and a max rate counted
// as arrivals per second at the receiver. The embedded worker runs as several concurrent
// workers (instances); the Inngest function runs many concurrent runs of @inngest/test's
// engine, with the events each run sends fed back in as new runs.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { claimDueDeliveries } from "@/lib/delivery/claim";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import { createDeliveryFunctions, type DeliveryFunctions } from "@/lib/delivery/inngest";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender } from "@/lib/delivery/sender";
import { deliverDueOnce, startWorker } from "@/lib/delivery/worker";
import { createEndpoint, type DeliveryPolicy } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver, type ReceivedRequest } from "../helpers/receiver";

let opened: OpenedDatabase;
let receiver: Receiver;
let ctx: DeliveryContext;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});
beforeEach(() => {
  // Real time: order and rate are about what happens between real requests.
  ctx = deliveryContext(opened.db, { send: createSender({ allowPrivate: true }) });
  receiver.requests.length = 0;
});

async function endpointWith(policy: Partial<DeliveryPolicy>) {
  const { org } = await createOrgWithUser(opened.db);
  const endpoint = await createEndpoint(
    opened.db,
    org.id,
    { name: "policy", url: `${receiver.url}/hook`, events: [], format: "standard", headers: {}, active: true, policy },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
  return { org, endpoint };
}

/** Publishes `count` events named "m00", "m01", … one after another; returns the names in publish order. */
async function publishMany(orgId: string, count: number) {
  const names = Array.from({ length: count }, (_, i) => `m${String(i).padStart(2, "0")}`);
  for (const name of names) {
    await publishEvent(opened.db, { orgId, type: "project.updated", data: { project: { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name } } }, new Date());
  }
  return names;
}

const nameOf = (req: ReceivedRequest) => (JSON.parse(req.body) as { data: { project: { name: string } } }).data.project.name;

/**
 * A receiver that answers after a random 0–40 ms, fails the first arrival of each name in
 * `failFirst` with a 500, and records arrivals (name, time) and the most requests it had open at once.
 */
function randomSpeedReceiver(failFirst: string[] = []) {
  const arrivals: { name: string; at: number; ok: boolean; stamped: number }[] = [];
  let open = 0;
  const stats = { maxOpen: 0 };
  const seen = new Set<string>();
  receiver.respondWith((req, res) => {
    const name = nameOf(req);
    const fail = failFirst.includes(name) && !seen.has(name);
    seen.add(name);
    arrivals.push({ name, at: Date.now(), ok: !fail, stamped: Number(req.headers["webhook-timestamp"]) });
    open++;
    stats.maxOpen = Math.max(stats.maxOpen, open);
    setTimeout(() => {
      open--;
      res.writeHead(fail ? 500 : 200);
      res.end(fail ? "not yet" : "ok");
    }, Math.floor(Math.random() * 40));
  });
  return { arrivals, stats };
}

async function settled(endpointId: string, count: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const done = await opened.db.delivery.count({ where: { endpointId, status: { not: "pending" } } });
    if (done === count) return;
    if (Date.now() > deadline) throw new Error(`only ${done} of ${count} deliveries settled`);
    await sleep(50);
  }
}

/**
 * How the receiver sees the rate: requests per second of their `webhook-timestamp` (the second
 * each attempt started in), and the busiest one-second window of wall-clock arrivals (which
 * in-process scheduling jitter can squeeze, so it is reported, not asserted).
 */
function ratesSeen(arrivals: { at: number; stamped: number }[]) {
  const perStampedSecond = new Map<number, number>();
  for (const a of arrivals) perStampedSecond.set(a.stamped, (perStampedSecond.get(a.stamped) ?? 0) + 1);
  const wallClock = busiestSecond(arrivals.map((a) => a.at));
  return { perStampedSecond: [...perStampedSecond.values()], ...wallClock };
}

/** Most arrivals in any one-second window (sliding: from each arrival), and per calendar second. */
function busiestSecond(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  let sliding = 0;
  for (let i = 0; i < sorted.length; i++) sliding = Math.max(sliding, sorted.filter((t) => t >= sorted[i] && t < sorted[i] + 1000).length);
  const perSecond = new Map<number, number>();
  for (const t of sorted) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
  return { sliding, perSecond: [...perSecond.values()] };
}

describe("retry schedule and timeout", () => {
  it("times an attempt out after the endpoint's timeout and retries on the endpoint's own schedule, then fails", async () => {
    let clock = new Date(Date.now() + 1000);
    const clocked = deliveryContext(opened.db, { now: () => clock, send: createSender({ allowPrivate: true }) });
    const { org, endpoint } = await endpointWith({ timeout_ms: 1000, retry_schedule_seconds: [7, 60] });
    // Answers after 2.5 s: longer than the endpoint's 1 s timeout, well within the default 15 s.
    receiver.respondWith((_req, res) => {
      setTimeout(() => {
        res.writeHead(200);
        res.end();
      }, 2500).unref();
    });
    await publishMany(org.id, 1);
    const delivery = () => opened.db.delivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });

    expect(await deliverDueOnce(clocked)).toBe(1);
    expect(await delivery()).toMatchObject({ status: "pending", nextAttemptAt: new Date(clock.getTime() + 7_000) });
    expect((await delivery()).lastError).toMatch(/Timed out after 1 s/);

    clock = new Date(clock.getTime() + 7_000);
    expect(await deliverDueOnce(clocked)).toBe(1);
    expect(await delivery()).toMatchObject({ status: "pending", nextAttemptAt: new Date(clock.getTime() + 60_000) });

    clock = new Date(clock.getTime() + 60_000);
    expect(await deliverDueOnce(clocked)).toBe(1);
    expect(await delivery()).toMatchObject({ status: "failed", attemptCount: 3, nextAttemptAt: null });
  });
});

describe("ordered delivery, embedded worker", () => {
  it("sends one message at a time, in publish order, across three concurrent workers, retries included", async () => {
    const { org, endpoint } = await endpointWith({ ordered: true, retry_schedule_seconds: [1] });
    const { arrivals, stats } = randomSpeedReceiver(["m03", "m08"]);
    const names = await publishMany(org.id, 12);

    const workers = [1, 2, 3].map(() => startWorker(ctx, { pollMs: 50, concurrency: 16 }));
    try {
      await settled(endpoint.id, names.length);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }

    // m03 and m08 failed once and were retried a second later, before anything after them.
    expect(arrivals.map((a) => a.name)).toEqual([...names.slice(0, 4), "m03", ...names.slice(4, 9), "m08", ...names.slice(9)]);
    expect(stats.maxOpen).toBe(1);
    expect(await opened.db.delivery.count({ where: { endpointId: endpoint.id, status: "succeeded" } })).toBe(names.length);
  });

  it("lets the next message go once the one before it failed for good", async () => {
    const { org, endpoint } = await endpointWith({ ordered: true, retry_schedule_seconds: [1] });
    receiver.respondWith((req, res) => {
      res.writeHead(nameOf(req) === "m01" ? 500 : 200);
      res.end();
    });
    const names = await publishMany(org.id, 3);

    const worker = startWorker(ctx, { pollMs: 50 });
    try {
      await settled(endpoint.id, names.length);
    } finally {
      await worker.stop();
    }

    expect(receiver.requests.map(nameOf)).toEqual(["m00", "m01", "m01", "m02"]);
    const statuses = await opened.db.delivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { createdAt: "asc" }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(["succeeded", "failed", "succeeded"]);
  });

  it("claims only the oldest unsettled delivery of an ordered endpoint, and nothing while it is in flight", async () => {
    const { org, endpoint } = await endpointWith({ ordered: true });
    await publishMany(org.id, 3);
    const oldest = await opened.db.delivery.findFirstOrThrow({ where: { endpointId: endpoint.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

    expect(await claimDueDeliveries(ctx, 100)).toEqual([oldest.id]);
    expect(await claimDueDeliveries(ctx, 100)).toEqual([]);
  });
});

describe("max rate, embedded worker", () => {
  it("starts at most max_rate_per_second attempts in any second across two workers, and delivers every one", async () => {
    const { org, endpoint } = await endpointWith({ max_rate_per_second: 4 });
    const { arrivals } = randomSpeedReceiver();
    const names = await publishMany(org.id, 14);

    const workers = [1, 2].map(() => startWorker(ctx, { pollMs: 50, concurrency: 16 }));
    try {
      await settled(endpoint.id, names.length);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }

    const attempts = await opened.db.deliveryAttempt.findMany({ where: { endpointId: endpoint.id }, select: { sentAt: true } });
    const started = busiestSecond(attempts.map((a) => a.sentAt.getTime()));
    const seen = ratesSeen(arrivals);
    console.log(
      `max rate 4/s, embedded, 2 workers: arrivals per second (webhook-timestamp) ${JSON.stringify(seen.perStampedSecond)}; ` +
        `per wall-clock second ${JSON.stringify(seen.perSecond)}; busiest one-second window of attempt starts ${started.sliding}`,
    );
    expect(started.sliding).toBeLessThanOrEqual(4);
    expect(Math.max(...seen.perStampedSecond)).toBeLessThanOrEqual(4);
    // None dropped: every message arrived once.
    expect(arrivals.map((a) => a.name).sort()).toEqual(names);
  });
});

describe("Inngest engine", () => {
  let functions: DeliveryFunctions;
  beforeEach(() => {
    functions = createDeliveryFunctions(() => ctx, { retentionDays: () => 30 });
  });

  type Request = { deliveryId: string; endpointId: string };

  /**
   * Plays Inngest: runs deliver-webhook for every requested delivery concurrently, feeding the
   * attempt events each run sends back in as new runs, until no run asks for more. Sleeps wait
   * `sleepMs` of real time.
   */
  async function runLikeInngest(initial: Request[], sleepMs: number) {
    const results: { deliveryId: string; result: unknown }[] = [];
    let wave = initial;
    while (wave.length > 0) {
      const runs = await Promise.all(
        wave.map(async (request) => {
          const rounds = Array.from({ length: 5 }, (_, i) => i + 1);
          const sleeps = rounds.flatMap((n) =>
            [`wait-${n}`, ...Array.from({ length: 40 }, (_, w) => `rate-wait-${n}-${w + 1}`)].map((id) => ({ id, handler: () => sleep(sleepMs) })),
          );
          // Sent events are collected from the mock's calls below, not sent anywhere.
          const sends = rounds.map((n) => ({ id: `request-next-${n}`, handler: () => ({ ids: [] }) }));
          const { result, ctx: run } = await new InngestTestEngine({
            function: functions.deliverWebhook,
            events: [{ name: "delivery/attempt.requested", data: request }],
            steps: [...sleeps, ...sends],
          }).execute();
          results.push({ deliveryId: request.deliveryId, result });
          const sent = (run.step.sendEvent as unknown as { mock: { calls: [string, { data: Request } | { data: Request }[]][] } }).mock.calls;
          return sent.flatMap(([, events]) => (Array.isArray(events) ? events : [events]).map((e) => e.data));
        }),
      );
      wave = runs.flat();
    }
    return results;
  }

  const pendingOf = (endpointId: string) =>
    opened.db.delivery.findMany({ where: { endpointId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, endpointId: true } });

  it("ordered: runs for every delivery at once still deliver in publish order, each run after the one before it settled", async () => {
    const { org, endpoint } = await endpointWith({ ordered: true, retry_schedule_seconds: [1] });
    const { arrivals, stats } = randomSpeedReceiver(["m02"]);
    const names = await publishMany(org.id, 8);
    const deliveries = await pendingOf(endpoint.id);

    // Every delivery's run starts at once (the fan-out), plus a duplicate of each.
    const results = await runLikeInngest(
      [...deliveries, ...deliveries].map((d) => ({ deliveryId: d.id, endpointId: d.endpointId })),
      1100,
    );

    expect(arrivals.map((a) => a.name)).toEqual([...names.slice(0, 3), "m02", ...names.slice(3)]);
    expect(stats.maxOpen).toBe(1);
    expect(results.some((r) => (r.result as { reason?: string }).reason === "waiting-turn")).toBe(true);
    expect(await opened.db.delivery.count({ where: { endpointId: endpoint.id, status: "succeeded" } })).toBe(names.length);
  });

  it("max rate: concurrent runs wait for room instead of sending, and every delivery goes out", async () => {
    const { org, endpoint } = await endpointWith({ max_rate_per_second: 3 });
    const { arrivals } = randomSpeedReceiver();
    const names = await publishMany(org.id, 10);
    const deliveries = await pendingOf(endpoint.id);

    const results = await runLikeInngest(deliveries.map((d) => ({ deliveryId: d.id, endpointId: d.endpointId })), 200);

    // The cap is on attempts started (recorded as sentAt): at most 3 in any one-second window.
    const attempts = await opened.db.deliveryAttempt.findMany({ where: { endpointId: endpoint.id }, select: { sentAt: true } });
    const started = busiestSecond(attempts.map((a) => a.sentAt.getTime()));
    const seen = ratesSeen(arrivals);
    console.log(
      `max rate 3/s, Inngest: arrivals per second (webhook-timestamp) ${JSON.stringify(seen.perStampedSecond)}; ` +
        `per wall-clock second ${JSON.stringify(seen.perSecond)}; busiest one-second window of attempt starts ${started.sliding}`,
    );
    expect(started.sliding).toBeLessThanOrEqual(3);
    expect(Math.max(...seen.perStampedSecond)).toBeLessThanOrEqual(3);
    expect(arrivals.map((a) => a.name).sort()).toEqual(names);
    expect(results.every((r) => (r.result as { status?: string }).status === "succeeded")).toBe(true);
  });
});
