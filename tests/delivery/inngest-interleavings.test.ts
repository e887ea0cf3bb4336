// Seeded random interleavings of everything Inngest may do to the delivery functions, played on
// the wire by the fake executor (tests/helpers/inngest-executor.ts) against a real receiver:
// step results lost after the step ran, calls that fail and are retried with the next attempt
// number, a process that dies between the claim and the request or after the request went out
// but before it was recorded, duplicate runs for one delivery, wakes up to a second early or
// many minutes late, several calls at once, checkpointing on or off, and the stranded sweep at
// any moment — across ordinary, ordered and rate-capped endpoints. After each interleaving,
// what the receivers saw must hold:
//   - every due delivery is attempted within 15 minutes of its due time (plus the retry delays
//     Inngest itself imposed on calls that failed), and never more than 1 s early;
//   - an ordered endpoint receives its messages in publish order;
//   - no one-second window holds more requests than a rate-capped endpoint's cap;
//   - a delivery is sent more often than it was recorded only where a process died after
//     sending, and every request of a message carries the same webhook-id;
//   - every delivery ends settled, and its status matches what the receiver answered.
// docs/delivery.md#running-on-inngest. INTERLEAVINGS sets how many run (1,000 by default on
// PGlite, 100 on PostgreSQL), INTERLEAVING_SEED the seed; INTERLEAVING_EXAMPLE='<a
// counterexample's JSON>' replays one failing interleaving and prints what the receivers got and
// every run's log. With checkpointing on, a lost answer loses only what the call had not
// checkpointed, as on Inngest Cloud.
import fc from "fast-check";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { notifyInngestMessagePublished } from "@/lib/delivery/inngest";
import { inngestHandlers } from "@/lib/delivery/inngest/serve";
import { publishEventIn } from "@/lib/delivery/publish";
import { createSender, type Sender } from "@/lib/delivery/sender";
import { createEndpoint } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { InngestExecutor } from "../helpers/inngest-executor";
import { startReceiver, type Receiver } from "../helpers/receiver";

const SIGNING_KEY = `signkey-test-${"5e".repeat(32)}`;
const EVENT_KEY = "interleavings-event-key";
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const SWEEP_EVERY = 5 * MINUTE;
/** The promise: a due delivery is attempted within this long of its due time. */
const DUE_BOUND = 15 * MINUTE;
/** Inngest wakes a run at most this much early; the attempt step takes a delivery due that soon. */
const EARLY_BOUND = SECOND;
/** The executor's wait before retrying a failed call (Inngest's first retries are seconds apart). */
const RETRY_BACKOFF = 10 * SECOND;
const RETRY_SCHEDULE = [5, 60, 300];
const RATE_CAP = 2;

const isPostgres = process.env.TEST_DB_ENGINE === "postgres";
const RUNS = Number(process.env.INTERLEAVINGS ?? (isPostgres ? 100 : 1000));
const SEED = Number(process.env.INTERLEAVING_SEED ?? 20261207);

type Kind = "plain" | "ordered" | "capped" | "ordered-capped";

const scenarioArb = fc.record({
  seed: fc.integer(),
  endpoints: fc.array(fc.constantFrom<Kind>("plain", "ordered", "capped", "ordered-capped"), { minLength: 1, maxLength: 2 }),
  messages: fc.integer({ min: 1, max: 3 }),
  /** Per endpoint: its first n requests are answered 503 (4 or more: the delivery fails for good). */
  failFirst: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 2 }),
  loseResult: fc.constantFrom(0, 0.05, 0.2),
  failRequest: fc.constantFrom(0, 0.05, 0.15),
  crash: fc.constantFrom(0, 0.1),
  earlyWake: fc.constantFrom(0, 0.5, 1),
  lateWake: fc.constantFrom(0, 0.1, 0.3),
  duplicateRuns: fc.integer({ min: 0, max: 2 }),
  extraSweeps: fc.integer({ min: 0, max: 3 }),
  maxParallel: fc.integer({ min: 1, max: 3 }),
  /** Inngest's concurrency limit counts steps in progress; "runs" holds a slot while a run sleeps too. */
  concurrencyCounts: fc.constantFrom<"runs" | "steps">("steps", "runs"),
  checkpointing: fc.boolean(),
});
type Scenario = ReturnType<typeof scenarioArb.generate>["value"];

/** A small seeded generator (mulberry32): the same scenario makes the same choices. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let opened: OpenedDatabase;
let receiver: Receiver;
let scenarioNumber = 0;
/** Every request the receiver got, by path, with the virtual time it got it. */
const received = new Map<string, { at: number; webhookId: string }[]>();
let answer: (path: string) => number = () => 200;
let clock: () => number = () => Date.now();

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver((req, res) => {
    const list = received.get(req.path) ?? [];
    list.push({ at: clock(), webhookId: String(req.headers["webhook-id"]) });
    received.set(req.path, list);
    res.writeHead(answer(req.path));
    res.end();
  });
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});

const stats = { calls: 0, interleavings: 0, attempts: 0, worstDueToAttemptMs: 0, worstWithoutFaultsMs: 0, duplicateSends: 0, lostResults: 0, failedCalls: 0, crashes: 0 };

async function play(scenario: Scenario) {
  const n = ++scenarioNumber;
  const rand = random(scenario.seed);
  const start = new Date(Date.UTC(2026, 2, 1, 12, 0, 0) + n * 24 * 3600 * SECOND);
  /** Calls the executor retried (failed, or their answer lost), per delivery: each adds RETRY_BACKOFF to the bound. */
  const retriedCalls = new Map<string, number>();
  const crashes = new Map<string, number>();
  /** Deaths between claim and request, per path|webhook-id: retried like a failed call. */
  const diedBefore = new Map<string, number>();
  const deliveryOf = (event: { data: Record<string, unknown> }) => (typeof event.data.deliveryId === "string" ? event.data.deliveryId : null);
  const countFor = (map: Map<string, number>, id: string | null) => id && map.set(id, (map.get(id) ?? 0) + 1);
  /** The sweep is the safety net the bound relies on: it is never failed, only replayed. */
  const isSweep = (fnId: string) => fnId.endsWith("requeue-stranded-deliveries");

  const executor = await InngestExecutor.start({
    signingKey: SIGNING_KEY,
    eventKey: EVENT_KEY,
    start,
    checkpointing: scenario.checkpointing,
    maxParallel: scenario.maxParallel,
    concurrencyCounts: scenario.concurrencyCounts,
    retryBackoffMs: () => RETRY_BACKOFF,
    hooks: {
      loseResult: ({ run }) => {
        if (rand() >= scenario.loseResult) return false;
        // Inngest retries the call after its backoff: that delay counts toward the bound.
        countFor(retriedCalls, deliveryOf(run.event));
        stats.lostResults++;
        return true;
      },
      failRequest: ({ run }) => {
        if (isSweep(run.fnId) || rand() >= scenario.failRequest) return false;
        countFor(retriedCalls, deliveryOf(run.event));
        stats.failedCalls++;
        return true;
      },
      wakeOffsetMs: () => {
        if (rand() < scenario.lateWake) return Math.floor(rand() * 40 * MINUTE);
        if (rand() < scenario.earlyWake) return -Math.floor(rand() * 999);
        return 0;
      },
    },
  });
  clock = () => executor.now().getTime();
  const realSend = createSender({ allowPrivate: true });
  // The process dies after the request went out, before the attempt was recorded: the step throws.
  const send: Sender = async (req) => {
    // Or it dies between the claim and the request: nothing went out.
    if (rand() < scenario.crash / 2) {
      stats.crashes++;
      const key = `${new URL(req.url).pathname}|${req.headers["webhook-id"]}`;
      diedBefore.set(key, (diedBefore.get(key) ?? 0) + 1);
      throw new Error("the process died before sending");
    }
    const result = await realSend(req);
    if (rand() < scenario.crash) {
      const path = new URL(req.url).pathname;
      const key = `${path}|${req.headers["webhook-id"]}`;
      crashes.set(key, (crashes.get(key) ?? 0) + 1);
      stats.crashes++;
      throw new Error("the process died after sending");
    }
    return result;
  };
  const ctx = deliveryContext(opened.db, { now: () => executor.now(), send });
  const client = new Inngest({ id: "control-center", signingKey: SIGNING_KEY, eventKey: EVENT_KEY, baseUrl: executor.apiUrl, isDev: false });
  executor.connect(inngestHandlers(() => ctx, { client, env: () => executor.env(), retentionDays: () => 30 }));
  await executor.sync();

  try {
    const { org } = await createOrgWithUser(opened.db);
    const endpoints = [];
    for (const [i, kind] of scenario.endpoints.entries()) {
      const path = `/s${n}/e${i}`;
      const endpoint = await createEndpoint(
        opened.db,
        org.id,
        {
          name: `${kind} ${i}`,
          url: `${receiver.url}${path}`,
          events: [],
          format: "standard",
          headers: {},
          active: true,
          policy: { ordered: kind.startsWith("ordered"), max_rate_per_second: kind.endsWith("capped") ? RATE_CAP : null, retry_schedule_seconds: RETRY_SCHEDULE },
        },
        systemActor,
        { allowHttp: true, allowPrivate: true },
      );
      endpoints.push({ endpoint, kind, path, failFirst: scenario.failFirst[i] ?? 0 });
    }
    const failFirst = new Map(endpoints.map((e) => [e.path, e.failFirst]));
    answer = (path) => ((received.get(path)?.length ?? 0) <= (failFirst.get(path) ?? 0) ? 503 : 200);

    // Messages published a moment apart, each announced to Inngest.
    const t0 = start.getTime();
    for (let m = 0; m < scenario.messages; m++) {
      executor.at(t0 + m * Math.floor(rand() * 3 * SECOND), async () => {
        const { message } = await publishEventIn(opened.db, { orgId: org.id, type: "project.updated", data: { project: { id: "p", name: `m${m}` } } }, executor.now());
        await notifyInngestMessagePublished(message.id, org.id, client);
      });
    }
    // Duplicate runs for random deliveries, at random moments.
    for (let d = 0; d < scenario.duplicateRuns; d++) {
      executor.at(t0 + Math.floor(rand() * 10 * MINUTE), async () => {
        const pending = await opened.db.delivery.findMany({ where: { organizationId: org.id }, select: { id: true, endpointId: true } });
        const pick = pending[Math.floor(rand() * pending.length)];
        if (pick) executor.ingest({ name: "delivery/attempt.requested", data: { deliveryId: pick.id, endpointId: pick.endpointId } });
      });
    }
    // The sweep every 5 minutes while anything is unsettled, and at a few other moments.
    const unsettled = () => opened.db.delivery.count({ where: { organizationId: org.id, status: "pending" } });
    const sweepAt = (at: number) =>
      executor.at(at, async () => {
        if ((await unsettled()) === 0) return;
        executor.invokeCron("requeue-stranded-deliveries");
        sweepAt(at + SWEEP_EVERY);
      });
    sweepAt(t0 + SWEEP_EVERY);
    for (let s = 0; s < scenario.extraSweeps; s++) {
      executor.at(t0 + Math.floor(rand() * 20 * MINUTE), async () => {
        if ((await unsettled()) > 0) executor.invokeCron("requeue-stranded-deliveries");
      });
    }

    await executor.runUntilIdle({ until: t0 + 6 * 3600 * SECOND });
    executor.assertClean();
    stats.calls += executor.exchanges.length;
    try {
      await check(org.id, endpoints, retriedCalls, crashes, diedBefore);
    } catch (error) {
      if (process.env.INTERLEAVING_EXAMPLE) {
        for (const e of endpoints) console.log(e.path, JSON.stringify((received.get(e.path) ?? []).map((r) => [r.at - t0, r.webhookId.slice(-4)])));
        for (const r of executor.runs) console.log(r.fnId.replace("control-center-", ""), r.status, JSON.stringify(r.event.data).slice(0, 80), r.log.map((l) => `${l.at.getTime() - t0}:${l.kind}:${l.op ?? ""}:${l.displayName ?? ""}`).join(" "));
      }
      throw error;
    }
  } finally {
    // Whatever happened, nothing of this interleaving is left for the next one's sweep.
    await opened.db.delivery.updateMany({ where: { endpoint: { url: { contains: `/s${n}/` } }, status: "pending" }, data: { status: "failed" } });
    await executor.close();
  }
}

async function check(
  orgId: string,
  endpoints: { endpoint: { id: string }; kind: Kind; path: string; failFirst: number }[],
  retriedCalls: Map<string, number>,
  crashes: Map<string, number>,
  diedBefore: Map<string, number>,
) {
  const deliveries = await opened.db.delivery.findMany({
    where: { organizationId: orgId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, endpointId: true, messageId: true, createdAt: true, status: true, attempts: { select: { number: true, sentAt: true, responseStatus: true }, orderBy: { number: "asc" } } },
  });
  stats.interleavings++;
  for (const { endpoint, kind, path } of endpoints) {
    const mine = deliveries.filter((d) => d.endpointId === endpoint.id);
    const requests = received.get(path) ?? [];
    let previousSettled = 0;
    for (const delivery of mine) {
      // Every delivery ends settled, as the receiver's answers say.
      expect(delivery.status, `delivery ${delivery.id} to a ${kind} endpoint`).not.toBe("pending");
      const succeeded = delivery.attempts.some((a) => a.responseStatus === 200);
      expect(delivery.status).toBe(succeeded ? "succeeded" : "failed");

      // Every attempt within 15 minutes of its due time, never more than 1 s early.
      const key = `${path}|${delivery.messageId}`;
      const slack = ((retriedCalls.get(delivery.id) ?? 0) + (crashes.get(key) ?? 0) + (diedBefore.get(key) ?? 0)) * RETRY_BACKOFF;
      let due = Math.max(delivery.createdAt.getTime(), kind.startsWith("ordered") ? previousSettled : 0);
      for (const attempt of delivery.attempts) {
        const late = attempt.sentAt.getTime() - due;
        stats.attempts++;
        stats.worstDueToAttemptMs = Math.max(stats.worstDueToAttemptMs, late);
        if (slack === 0) stats.worstWithoutFaultsMs = Math.max(stats.worstWithoutFaultsMs, late);
        expect(late, `attempt ${attempt.number} of ${delivery.id} (${kind}): ms from due to attempt`).toBeLessThanOrEqual(DUE_BOUND + slack);
        expect(late, `attempt ${attempt.number} of ${delivery.id} (${kind}) went out early`).toBeGreaterThanOrEqual(-EARLY_BOUND);
        due = attempt.sentAt.getTime() + (RETRY_SCHEDULE[attempt.number - 1] ?? 0) * SECOND;
      }
      const last = delivery.attempts.at(-1);
      if (last) previousSettled = last.sentAt.getTime();

      // Sent more often than recorded only where the process died after sending; always one webhook-id.
      const sent = requests.filter((r) => r.webhookId === delivery.messageId).length;
      const died = crashes.get(`${path}|${delivery.messageId}`) ?? 0;
      expect(sent, `requests for ${delivery.id}`).toBeGreaterThanOrEqual(delivery.attempts.length);
      expect(sent - delivery.attempts.length, `requests for ${delivery.id} beyond its recorded attempts`).toBeLessThanOrEqual(died);
      stats.duplicateSends += sent - delivery.attempts.length;
    }
    // Requests carry only this endpoint's messages' ids.
    const ids = new Set(mine.map((d) => d.messageId));
    for (const r of requests) expect(ids.has(r.webhookId), `webhook-id ${r.webhookId} at ${path}`).toBe(true);

    if (kind.startsWith("ordered")) {
      // In publish order: once a message was sent, no earlier one is.
      const order = mine.map((d) => d.messageId);
      const positions = requests.map((r) => order.indexOf(r.webhookId));
      for (let i = 1; i < positions.length; i++) expect(positions[i], `order of requests at ${path}: ${positions.join(",")}`).toBeGreaterThanOrEqual(positions[i - 1]);
    }
    if (kind.endsWith("capped")) {
      // Never more than the cap in any one-second window.
      for (const r of requests) {
        const inWindow = requests.filter((o) => o.at > r.at - SECOND && o.at <= r.at).length;
        expect(inWindow, `requests at ${path} in the second up to ${new Date(r.at).toISOString()}`).toBeLessThanOrEqual(RATE_CAP);
      }
    }
  }
}

describe("the delivery functions under Inngest's failure semantics", () => {
  if (process.env.INTERLEAVING_EXAMPLE) {
    it("replays one interleaving (INTERLEAVING_EXAMPLE: a counterexample's JSON)", { timeout: 120_000 }, async () => {
      await play(JSON.parse(process.env.INTERLEAVING_EXAMPLE!) as Scenario);
    });
    return;
  }

  it(`hold their promises across ${RUNS} seeded interleavings`, { timeout: 30 * 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        await play(scenario);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(
      `[interleavings] ${stats.interleavings} interleavings (seed ${SEED}), ${stats.attempts} attempts; worst due→attempt ` +
        `${(stats.worstDueToAttemptMs / 1000).toFixed(1)} s (${(stats.worstWithoutFaultsMs / 1000).toFixed(1)} s where no call of the delivery failed); ` +
        `${stats.calls} calls, ${stats.lostResults} results lost, ${stats.failedCalls} calls failed, ${stats.crashes} processes died mid-attempt, ${stats.duplicateSends} duplicate sends`,
    );
    expect(stats.interleavings).toBe(RUNS);
  });
});
