// The Inngest delivery engine, run offline by @inngest/test's InngestTestEngine (real
// function code and steps; sleeps and event sends are mocked steps) against a real test
// database, a real local receiver and an injected clock.
import { InngestTestEngine } from "@inngest/test";
import { Inngest } from "inngest";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import {
  createDeliveryFunctions,
  dueDeliveriesOfEndpoint,
  EARLY_WAKE_TOLERANCE_MS,
  EVENTS_PER_SEND,
  nextWake,
  notifyInngestMessagePublished,
  requestDeliveryAttempts,
  STRANDED_AFTER_MS,
  type DeliveryFunctions,
} from "@/lib/delivery/inngest";
import { announceMessages } from "@/lib/delivery/engine";
import { publishEvent, publishEventsIn } from "@/lib/delivery/publish";
import { onDeliveriesDue } from "@/lib/delivery/wake";
import { recoverFailedDeliveries } from "@/lib/delivery/recovery";
import { pruneDeliveryLog } from "@/lib/delivery/retention";
import { AUTO_DISABLE_AFTER_MS, AUTO_DISABLE_REASON as STALE_ENDPOINT_REASON } from "@/lib/webhooks/endpoint-state";
import { createSender } from "@/lib/delivery/sender";
import { createEndpoint } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";

const policy = { allowHttp: true, allowPrivate: true };
let opened: OpenedDatabase;
let receiver: Receiver;
let clock: Date;
let ctx: DeliveryContext;
let functions: DeliveryFunctions;

const tick = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const answer = (status: number, body = "") =>
  receiver.respondWith((_req, res) => {
    res.writeHead(status);
    res.end(body);
  });

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
  functions = createDeliveryFunctions(() => ctx, { retentionDays: () => 30 });
  receiver.requests.length = 0;
  answer(200, "ok");
});

async function orgWithEndpoint(path: string, events: string[] = []) {
  const { org } = await createOrgWithUser(opened.db);
  const endpoint = await addEndpoint(org.id, path, events);
  return { org, endpoint };
}

function addEndpoint(orgId: string, path: string, events: string[] = []) {
  return createEndpoint(
    opened.db,
    orgId,
    { name: path, url: `${receiver.url}${path}`, events: events as never, format: "standard", headers: {}, active: true },
    systemActor,
    policy,
  );
}

const projectEvent = (orgId: string, name = "MyPlugin") => ({
  orgId,
  type: "project.updated" as const,
  data: { project: { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name } },
});

/** Publishes one event to the org and returns its single delivery. */
async function publishOne(orgId: string) {
  const { message } = await publishEvent(opened.db, projectEvent(orgId), clock);
  const delivery = await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } });
  return { message, delivery };
}

function deliverRun(delivery: { id: string; endpointId: string }) {
  return new InngestTestEngine({
    function: functions.deliverWebhook,
    events: [{ name: "delivery/attempt.requested", data: { deliveryId: delivery.id, endpointId: delivery.endpointId } }],
  });
}

const attemptsOf = (deliveryId: string) =>
  opened.db.deliveryAttempt.findMany({ where: { deliveryId }, orderBy: { number: "asc" } });

describe("deliver-webhook", () => {
  it("delivers a pending delivery once and stops on success", async () => {
    const { org } = await orgWithEndpoint("/ok");
    const { message, delivery } = await publishOne(org.id);

    const { result, ctx: run } = await deliverRun(delivery).execute();

    expect(result).toMatchObject({ attempted: true, status: "succeeded", attemptNumber: 1, responseStatus: 200 });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0].headers["webhook-id"]).toBe(message.id);
    expect(run.step.sleepUntil).not.toHaveBeenCalled();
    expect(await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
      status: "succeeded",
      attemptCount: 1,
      leaseUntil: null,
    });
  });

  it("sleeps until the retry time after a failure, attempts again and succeeds (same webhook-id)", async () => {
    const { org } = await orgWithEndpoint("/flaky");
    answer(503, "try later");
    const { message, delivery } = await publishOne(org.id);
    const retryAt = new Date(clock.getTime() + 5_000);

    const { result, ctx: run } = await deliverRun(delivery).execute({
      steps: [
        {
          // Inngest would wake the run at the retry time: move the clock there and fix the receiver.
          id: "wait-1",
          handler() {
            clock = retryAt;
            answer(204);
          },
        },
      ],
    });

    expect(run.step.sleepUntil).toHaveBeenCalledWith("wait-1", retryAt.toISOString());
    expect(result).toMatchObject({ attempted: true, status: "succeeded", attemptNumber: 2, responseStatus: 204 });
    const attempts = await attemptsOf(delivery.id);
    expect(attempts.map((a) => [a.number, a.trigger, a.responseStatus])).toEqual([
      [1, "auto", 503],
      [2, "auto", 204],
    ]);
    expect(attempts[1].sentAt).toEqual(retryAt);
    expect(receiver.requests.map((r) => r.headers["webhook-id"])).toEqual([message.id, message.id]);
  });

  it("attempts at once when Inngest wakes the run a little early (it rounds sleeps to seconds)", async () => {
    const { org } = await orgWithEndpoint("/early");
    answer(503, "try later");
    const { delivery } = await publishOne(org.id);
    const retryAt = new Date(clock.getTime() + 5_000);

    const { result, ctx: run } = await deliverRun(delivery).execute({
      steps: [
        {
          id: "wait-1",
          handler() {
            clock = new Date(retryAt.getTime() - 600);
            answer(204);
          },
        },
      ],
    });

    // No second sleep: the wake 600 ms early is within the tolerance.
    expect(run.step.sleepUntil).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({ attempted: true, status: "succeeded", attemptNumber: 2, responseStatus: 204 });
    expect((await attemptsOf(delivery.id)).map((a) => a.responseStatus)).toEqual([503, 204]);
  });

  it("sleeps again when woken well before its time, and attempts once due", async () => {
    const { org } = await orgWithEndpoint("/very-early");
    answer(503, "try later");
    const { delivery } = await publishOne(org.id);
    const retryAt = new Date(clock.getTime() + 5_000);

    const { result, ctx: run } = await deliverRun(delivery).execute({
      steps: [
        {
          id: "wait-1",
          handler() {
            clock = new Date(retryAt.getTime() - 3_000);
            answer(204);
          },
        },
        {
          id: "wait-2",
          handler() {
            clock = retryAt;
          },
        },
      ],
    });

    expect(run.step.sleepUntil).toHaveBeenCalledWith("wait-2", retryAt.toISOString());
    expect(result).toMatchObject({ attempted: true, status: "succeeded", attemptNumber: 2 });
  });

  it("sends nothing when a duplicate run finds the delivery already succeeded", async () => {
    const { org } = await orgWithEndpoint("/dup");
    const { delivery } = await publishOne(org.id);
    await deliverRun(delivery).execute();
    expect(receiver.requests).toHaveLength(1);

    const { result, ctx: run } = await deliverRun(delivery).execute();

    expect(result).toEqual({ attempted: false, reason: "settled", status: "succeeded", nextAttemptAt: null });
    expect(receiver.requests).toHaveLength(1);
    expect(run.step.sleepUntil).not.toHaveBeenCalled();
    expect(await attemptsOf(delivery.id)).toHaveLength(1);
  });

  it("sends once when two runs race for the same delivery", async () => {
    const { org } = await orgWithEndpoint("/race");
    const { delivery } = await publishOne(org.id);

    const results = await Promise.all([deliverRun(delivery).execute(), deliverRun(delivery).execute()]);

    expect(results.filter((r) => (r.result as { attempted: boolean }).attempted)).toHaveLength(1);
    expect(receiver.requests).toHaveLength(1);
    expect(await attemptsOf(delivery.id)).toHaveLength(1);
  });

  it("leaves a delivery another run has scheduled to that run", async () => {
    const { org } = await orgWithEndpoint("/scheduled");
    answer(500);
    const { delivery } = await publishOne(org.id);
    // The first run attempts and would sleep; it is left parked at its wait step.
    const first = await deliverRun(delivery).executeStep("attempt-1");
    expect(first.result).toMatchObject({ attempted: true, status: "pending" });

    const { result, ctx: run } = await deliverRun(delivery).execute();

    expect(result).toMatchObject({ attempted: false, reason: "not-due", status: "pending" });
    expect(run.step.sleepUntil).not.toHaveBeenCalled();
    expect(receiver.requests).toHaveLength(1);
  });

  it("attempts a recovered delivery as a manual attempt", async () => {
    const { org, endpoint } = await orgWithEndpoint("/recovered");
    const { delivery } = await publishOne(org.id);
    await opened.db.delivery.update({ where: { id: delivery.id }, data: { status: "failed", nextAttemptAt: null, attemptCount: 8 } });
    tick(60_000);
    await recoverFailedDeliveries(ctx, org.id, endpoint.id, { since: new Date(0) }, systemActor);
    expect(await dueDeliveriesOfEndpoint(ctx, org.id, endpoint.id)).toEqual([{ deliveryId: delivery.id, endpointId: endpoint.id }]);

    const { result } = await deliverRun(delivery).execute();

    expect(result).toMatchObject({ attempted: true, status: "succeeded", attemptNumber: 9 });
    expect((await attemptsOf(delivery.id)).map((a) => a.trigger)).toEqual(["manual"]);
  });

  it("does not attempt a delivery while its endpoint is disabled", async () => {
    const { org, endpoint } = await orgWithEndpoint("/paused");
    const { delivery } = await publishOne(org.id);
    await opened.db.endpoint.update({ where: { id: endpoint.id }, data: { active: false } });

    const { result } = await deliverRun(delivery).execute();

    expect(result).toMatchObject({ attempted: false, reason: "endpoint-inactive", status: "pending" });
    expect(receiver.requests).toHaveLength(0);
  });
});

describe("fan-out-message", () => {
  it("requests one attempt per pending delivery of the message", async () => {
    const { org, endpoint: first } = await orgWithEndpoint("/a");
    const second = await addEndpoint(org.id, "/b");
    await addEndpoint(org.id, "/builds-only", ["build.failed"]);
    const { message, deliveries } = await publishEvent(opened.db, projectEvent(org.id), clock);
    expect(deliveries).toBe(2);
    const rows = await opened.db.delivery.findMany({ where: { messageId: message.id }, orderBy: { id: "asc" } });

    const t = new InngestTestEngine({
      function: functions.fanOutMessage,
      events: [{ name: "delivery/message.published", data: { messageId: message.id, orgId: org.id } }],
    });
    const { result, ctx: run } = await t.execute({ steps: [{ id: "request-attempts-1", handler: () => ({ ids: ["a", "b"] }) }] });

    expect(result).toEqual({ requested: 2 });
    expect(run.step.sendEvent).toHaveBeenCalledTimes(1);
    const [stepId, events] = run.step.sendEvent.mock.calls[0] as [string, { id: string; name: string; data: unknown }[]];
    expect(stepId).toBe("request-attempts-1");
    expect(events.map(({ id, name, data }) => ({ id, name, data }))).toEqual(
      rows.map((d) => ({ id: `attempt-${d.id}`, name: "delivery/attempt.requested", data: { deliveryId: d.id, endpointId: d.endpointId } })),
    );
    expect(new Set(rows.map((d) => d.endpointId))).toEqual(new Set([first.id, second.id]));
    expect(receiver.requests).toHaveLength(0);
  });
});

describe("requeue-stranded-deliveries", () => {
  it("requests deliveries that have been due for 15 minutes with no run on them", async () => {
    const { org } = await orgWithEndpoint("/stranded");
    const { delivery: stranded } = await publishOne(org.id);
    tick(16 * 60 * 1000);
    const { delivery: fresh } = await publishOne(org.id);

    const t = new InngestTestEngine({ function: functions.requeueStrandedDeliveries });
    const { ctx: run } = await t.execute({ steps: [{ id: "request-attempts-1", handler: () => ({ ids: [] }) }] });

    const [, events] = run.step.sendEvent.mock.calls[0] as [string, { id: string; data: { deliveryId: string } }[]];
    const requested = events.map((e) => e.data.deliveryId);
    expect(requested).toContain(stranded.id);
    expect(requested).not.toContain(fresh.id);
    const slot = Math.floor(clock.getTime() / STRANDED_AFTER_MS);
    expect(events.find((e) => e.data.deliveryId === stranded.id)?.id).toBe(`requeue-${stranded.id}-0-${slot}`);
  });
});

describe("disable-stale-endpoints", () => {
  it("disables an endpoint failing for more than 5 days, audits it and publishes endpoint.disabled", async () => {
    const { org, endpoint: stale } = await orgWithEndpoint("/stale");
    const recent = await addEndpoint(org.id, "/recent");
    await opened.db.endpoint.update({ where: { id: stale.id }, data: { failingSince: new Date(clock.getTime() - AUTO_DISABLE_AFTER_MS - 1000) } });
    await opened.db.endpoint.update({ where: { id: recent.id }, data: { failingSince: new Date(clock.getTime() - 4 * 24 * 3600 * 1000) } });

    const { result } = await new InngestTestEngine({ function: functions.disableStaleEndpoints }).execute();

    expect((result as { disabled: string[] }).disabled).toContain(stale.id);
    expect(await opened.db.endpoint.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({
      active: false,
      disabledReason: STALE_ENDPOINT_REASON,
      disabledBy: "system",
      disabledAt: clock,
    });
    expect(await opened.db.endpoint.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({ active: true });
    expect(await opened.db.auditLog.count({ where: { targetId: stale.id, action: "endpoint.auto_disabled" } })).toBe(1);
    const event = await opened.db.message.findFirstOrThrow({ where: { organizationId: org.id, type: "endpoint.disabled" } });
    expect(event.payload).toMatchObject({ endpoint: { id: stale.id, disabled_reason: STALE_ENDPOINT_REASON } });
    // The still-active endpoint of the org is told.
    expect(await opened.db.delivery.count({ where: { messageId: event.id, endpointId: recent.id } })).toBe(1);
  });
});

describe("pruneDeliveryLog", () => {
  it("deletes settled deliveries and then messages older than the cutoff, batch after batch", async () => {
    const { org } = await orgWithEndpoint("/prune-batches");
    const now = clock;
    clock = new Date(now.getTime() - 40 * 24 * 3600 * 1000);
    const old = [];
    for (let i = 0; i < 5; i++) old.push(await publishOne(org.id));
    await opened.db.delivery.updateMany({ where: { id: { in: old.map((o) => o.delivery.id) } }, data: { status: "failed" } });
    clock = now;
    const recent = await publishOne(org.id);
    await opened.db.delivery.update({ where: { id: recent.delivery.id }, data: { status: "failed" } });

    expect(await pruneDeliveryLog(opened.db, now, 30, 2)).toEqual({ deliveries: 5, messages: 5 });
    expect(await opened.db.message.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await opened.db.delivery.count({ where: { organizationId: org.id } })).toBe(1);
    expect(await pruneDeliveryLog(opened.db, now, 30, 2)).toEqual({ deliveries: 0, messages: 0 });
  });
});

describe("prune-delivery-log", () => {
  it("deletes deliveries, attempts and messages older than the retention period, keeping pending ones", async () => {
    const { org } = await orgWithEndpoint("/retention");
    const now = clock;
    clock = new Date(now.getTime() - 31 * 24 * 3600 * 1000);
    const oldOnes = [await publishOne(org.id), await publishOne(org.id), await publishOne(org.id)];
    for (const { delivery } of oldOnes) await deliverRun(delivery).execute();
    answer(500);
    const oldPending = await publishOne(org.id);
    await deliverRun(oldPending.delivery).executeStep("attempt-1");
    const { message: oldWithoutDeliveries } = await publishEvent(opened.db, { ...projectEvent(org.id), orgId: (await createOrgWithUser(opened.db)).org.id }, clock);
    clock = now;
    answer(200);
    const recent = await publishOne(org.id);
    await deliverRun(recent.delivery).execute();

    const endpointId = recent.delivery.endpointId;
    expect(await opened.db.endpointHealthBucket.count({ where: { endpointId } })).toBe(2);

    const { result } = await new InngestTestEngine({ function: functions.pruneDeliveryLog }).execute();

    expect(result).toMatchObject({ cutoff: new Date(now.getTime() - 30 * 24 * 3600 * 1000).toISOString() });
    // The health rollup keeps 8 days: the hour of the old attempts goes, this hour stays.
    expect(await opened.db.endpointHealthBucket.findMany({ where: { endpointId }, select: { hour: true } })).toEqual([
      { hour: new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000) },
    ]);
    const ids = (rows: { delivery: { id: string } }[]) => rows.map((r) => r.delivery.id);
    expect(await opened.db.delivery.count({ where: { id: { in: ids(oldOnes) } } })).toBe(0);
    expect(await opened.db.deliveryAttempt.count({ where: { deliveryId: { in: ids(oldOnes) } } })).toBe(0);
    expect(await opened.db.message.count({ where: { id: { in: [...oldOnes.map((o) => o.message.id), oldWithoutDeliveries.id] } } })).toBe(0);
    // Still owed an attempt: kept, with its message.
    expect(await opened.db.delivery.count({ where: { id: oldPending.delivery.id } })).toBe(1);
    expect(await opened.db.message.count({ where: { id: oldPending.message.id } })).toBe(1);
    expect(await opened.db.delivery.count({ where: { id: recent.delivery.id } })).toBe(1);
    expect(await attemptsOf(recent.delivery.id)).toHaveLength(1);
  });
});

describe("sending to Inngest", () => {
  it("starts a fan-out per published message through Inngest's event API", async () => {
    const eventApi = await startReceiver((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ids: ["01J0000000000000000000000"], status: 200 }));
    });
    try {
      const client = new Inngest({ id: "control-center-test", isDev: true, baseUrl: eventApi.url });
      expect(await notifyInngestMessagePublished("evt_1", "org_1", client)).toBe(true);
      expect(eventApi.requests).toHaveLength(1);
      expect(JSON.parse(eventApi.requests[0].body)).toEqual([
        expect.objectContaining({ id: "published-evt_1", name: "delivery/message.published", data: { messageId: "evt_1", orgId: "org_1" } }),
      ]);
    } finally {
      await eventApi.close();
    }
  });

  it("requests attempts in chunks, and reports a failed send instead of throwing", async () => {
    const sent: unknown[][] = [];
    const requests = Array.from({ length: EVENTS_PER_SEND + 1 }, (_, i) => ({ deliveryId: `del_${i}`, endpointId: "ep_1" }));
    expect(await requestDeliveryAttempts(requests, { send: async (events) => (sent.push([events].flat()), { ids: [] }) })).toBe(true);
    expect(sent.map((chunk) => chunk.length)).toEqual([EVENTS_PER_SEND, 1]);

    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const failing = { send: async () => Promise.reject(new Error("Inngest is unreachable")) };
    expect(await requestDeliveryAttempts(requests.slice(0, 1), failing)).toBe(false);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining("stranded-delivery sweep"), "Inngest is unreachable");
    logged.mockRestore();
  });

  it("stops waiting for an event API that never answers and reports the send as failed", async () => {
    const silent = await startReceiver(() => {});
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const client = new Inngest({ id: "control-center-test", isDev: true, baseUrl: silent.url });
      expect(await notifyInngestMessagePublished("evt_2", "org_1", client, 50)).toBe(false);
      expect(logged).toHaveBeenCalledWith(expect.stringContaining("did not take the events within 50 ms"));
    } finally {
      logged.mockRestore();
      await silent.close();
    }
  });

});

describe("announcing published messages", () => {
  it("counts each message's deliveries, and announces only messages that have some", async () => {
    const { org, endpoint } = await orgWithEndpoint("/announce", ["project.updated"]);
    const quiet = await createOrgWithUser(opened.db);
    const { messages } = await opened.db.$transaction((tx) =>
      publishEventsIn(tx, [projectEvent(org.id), projectEvent(quiet.org.id)], clock),
    );
    expect(messages.map((m) => m.pendingDeliveries)).toEqual([1, 0]);
    expect(await opened.db.delivery.count({ where: { endpointId: endpoint.id } })).toBe(1);

    vi.stubEnv("INNGEST_EVENT_KEY", "");
    vi.stubEnv("INNGEST_DEV", "");
    let wakes = 0;
    const stop = onDeliveriesDue(() => wakes++);
    try {
      await announceMessages([messages[1]]);
      expect(wakes).toBe(0);
      await announceMessages(messages);
      expect(wakes).toBe(1);
    } finally {
      stop();
      vi.unstubAllEnvs();
    }
  });
});

describe("nextWake", () => {
  const pending = (nextAttemptAt: string) =>
    ({ attempted: false, reason: "not-due", status: "pending", nextAttemptAt }) as Parameters<typeof nextWake>[0];

  it("keeps waiting for a time this run scheduled, within the early-wake tolerance", () => {
    const scheduled = "2026-03-01T12:00:05.000Z";
    expect(nextWake(pending(scheduled), scheduled)).toBe(scheduled);
    expect(nextWake(pending("2026-03-01T12:00:05.400Z"), scheduled)).toBe("2026-03-01T12:00:05.400Z");
    const beyond = new Date(Date.parse(scheduled) + EARLY_WAKE_TOLERANCE_MS + 1).toISOString();
    expect(nextWake(pending(beyond), scheduled)).toBeNull();
    expect(nextWake(pending(scheduled), null)).toBeNull();
  });
});
