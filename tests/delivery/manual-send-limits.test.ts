// Test sends, resends and replays are limited per organization (API and dashboard together):
// the call after the limit in one minute is a 429 with Retry-After and RateLimit-* headers (a
// message in the dashboard), other organizations are not affected, and the next window is.
// Each call is counted before it does anything, so calls made at once pass at most the limit.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as resendRoute from "@/app/api/v1/deliveries/[deliveryId]/resend/route";
import * as testRoute from "@/app/api/v1/webhooks/[webhookId]/test/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import {
  deliveryContext,
  publishEvent,
  replayEvent,
  resendDelivery,
  REPLAYS_PER_MINUTE,
  RESENDS_PER_MINUTE,
  sendTestEvent,
  TEST_SENDS_PER_MINUTE,
  type DeliveryContext,
} from "@/lib/delivery";
import type { Sender } from "@/lib/delivery/sender";
import { createEndpoint } from "@/lib/webhooks";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { startReceiver, type Receiver } from "../helpers/receiver";

// The dashboard actions run as this member (the session is Auth.js's; the guard is real).
const session = vi.hoisted(() => ({ access: null as unknown }));
vi.mock("@/lib/auth/session", () => ({
  requireOrgAction: async (orgId: string) => ({ ...(session.access as object), orgId }),
}));
const { sendTestEventAction } = await import("@/lib/actions/webhooks");
const { resendDeliveryAction } = await import("@/lib/actions/deliveries");

let opened: OpenedDatabase;
let receiver: Receiver;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});

// The routes and actions read the real clock: start each test at the beginning of a minute
// (the limit's window) so all its calls fall in one window, with time running on from there.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
  vi.setSystemTime(Math.ceil(Date.now() / 60_000) * 60_000 + 60_000);
});
afterEach(() => {
  vi.useRealTimers();
});

async function newOrg() {
  const { org, user } = await createOrgWithUser(opened.db);
  const key = await createKey(opened.db, org.id, ["webhooks:read", "webhooks:write", "deliveries:write"]);
  const endpoint = await createEndpoint(
    opened.db,
    org.id,
    { name: "Limits", url: `${receiver.url}/limits`, events: [], format: "standard", headers: {}, active: true },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
  const actor = { type: "user" as const, id: user.id, label: user.email };
  return { orgId: org.id, key, endpointId: endpoint.id, actor, access: { db: opened.db, user, role: "owner", actor } };
}

const sendTest = (webhookId: string, key: string) =>
  callRoute(testRoute.POST, { method: "POST", url: `/api/v1/webhooks/${webhookId}/test`, key, params: { webhookId } });
const resend = (deliveryId: string, key: string) =>
  callRoute(resendRoute.POST, { method: "POST", url: `/api/v1/deliveries/${deliveryId}/resend`, key, params: { deliveryId } });

async function expectLimited(res: Response, limit: number, detail: string) {
  const problem = await expectProblem(res, 429);
  expect(problem).toMatchObject({ code: "rate_limited", detail: expect.stringContaining(detail) });
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(res.headers.get("ratelimit-remaining")).toBe("0");
  expect(res.headers.get("ratelimit-reset")).toBe(String(retryAfter));
}

describe("limits on manual sends", () => {
  it(`answers the test send after ${TEST_SENDS_PER_MINUTE} in a minute with 429; another organization still sends`, async () => {
    const a = await newOrg();
    const b = await newOrg();
    for (let i = 0; i < TEST_SENDS_PER_MINUTE; i++) {
      expect((await expectJson(await sendTest(a.endpointId, a.key), 200)).status).toBe("succeeded");
    }
    const before = receiver.requests.length;
    await expectLimited(await sendTest(a.endpointId, a.key), TEST_SENDS_PER_MINUTE, `at most ${TEST_SENDS_PER_MINUTE} test events per minute`);
    expect(receiver.requests.length).toBe(before); // nothing was sent
    expect(await opened.db.delivery.count({ where: { organizationId: a.orgId } })).toBe(TEST_SENDS_PER_MINUTE);

    expect((await expectJson(await sendTest(b.endpointId, b.key), 200)).status).toBe("succeeded");

    // The dashboard action counts against the same limit and shows the message.
    session.access = a.access;
    const action = await sendTestEventAction(a.orgId, { endpointId: a.endpointId });
    expect(action).toEqual({ ok: false, error: expect.stringContaining(`at most ${TEST_SENDS_PER_MINUTE} test events per minute`) });
    session.access = b.access;
    expect(await sendTestEventAction(b.orgId, { endpointId: b.endpointId })).toMatchObject({ ok: true, data: { status: "succeeded" } });
  });

  it(`answers the resend after ${RESENDS_PER_MINUTE} in a minute with 429; another organization still resends`, async () => {
    const a = await newOrg();
    const b = await newOrg();
    // A delivery to resend in each organization (its test send counts against the other limit).
    const ctx = deliveryContext(opened.db);
    const deliveryA = (await sendTestEvent(ctx, a.orgId, a.endpointId, a.actor)).delivery_id;
    const deliveryB = (await sendTestEvent(ctx, b.orgId, b.endpointId, b.actor)).delivery_id;

    for (let i = 0; i < RESENDS_PER_MINUTE - 1; i++) expect((await resend(deliveryA, a.key)).status).toBe(202);
    // The dashboard's resends count too.
    session.access = a.access;
    expect(await resendDeliveryAction(a.orgId, { deliveryId: deliveryA })).toMatchObject({ ok: true });
    await expectLimited(await resend(deliveryA, a.key), RESENDS_PER_MINUTE, `at most ${RESENDS_PER_MINUTE} resends per minute`);
    expect(await resendDeliveryAction(a.orgId, { deliveryId: deliveryA })).toEqual({
      ok: false,
      error: expect.stringContaining(`at most ${RESENDS_PER_MINUTE} resends per minute`),
    });
    expect(await opened.db.deliveryAttempt.count({ where: { deliveryId: deliveryA } })).toBe(1 + RESENDS_PER_MINUTE);

    expect(await expectJson(await resend(deliveryB, b.key), 202)).toMatchObject({ delivery_id: deliveryB, status: "succeeded" });
  });
});

describe("limits with an injected clock", () => {
  const sent: Sender = async () => ({ status: 204, headers: {}, body: "", durationMs: 1, error: null });
  const at = (iso: string): DeliveryContext => deliveryContext(opened.db, { now: () => new Date(iso), send: sent });

  it("opens again in the next window", async () => {
    const a = await newOrg();
    const early = at("2031-05-05T10:00:00.000Z");
    for (let i = 0; i < TEST_SENDS_PER_MINUTE; i++) await sendTestEvent(early, a.orgId, a.endpointId, a.actor);
    const late = at("2031-05-05T10:00:59.500Z");
    await expect(sendTestEvent(late, a.orgId, a.endpointId, a.actor)).rejects.toMatchObject({ status: 429, retryAfterSeconds: 1 });
    const next = at("2031-05-05T10:01:00.000Z");
    await expect(sendTestEvent(next, a.orgId, a.endpointId, a.actor)).resolves.toMatchObject({ status: "succeeded" });
  });

  it(`limits replays to ${REPLAYS_PER_MINUTE} a minute per organization`, async () => {
    const a = await newOrg();
    const b = await newOrg();
    const ctx = at("2031-05-05T11:00:00.000Z");
    const { message } = await publishEvent(opened.db, { orgId: a.orgId, type: "project.updated", data: { project: { id: "proj_x", name: "X" } } });
    const other = await publishEvent(opened.db, { orgId: b.orgId, type: "project.updated", data: { project: { id: "proj_y", name: "Y" } } });
    for (let i = 0; i < REPLAYS_PER_MINUTE; i++) await replayEvent(ctx, a.orgId, message.id, a.endpointId, a.actor);
    await expect(replayEvent(ctx, a.orgId, message.id, a.endpointId, a.actor)).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining(`at most ${REPLAYS_PER_MINUTE} replays per minute`),
    });
    await expect(replayEvent(ctx, b.orgId, other.message.id, b.endpointId, b.actor)).resolves.toMatchObject({ status: "pending" });
  });
});

describe("limits under concurrency", () => {
  let sends = 0;
  const counting: Sender = async () => {
    sends += 1;
    return { status: 204, headers: {}, body: "", durationMs: 1, error: null };
  };
  const ctx = () => deliveryContext(opened.db, { now: () => new Date("2031-06-06T10:00:30.000Z"), send: counting });
  const limited = (results: PromiseSettledResult<unknown>[]) =>
    results.filter((r) => r.status === "rejected" && (r.reason as { status?: number }).status === 429).length;
  const passed = (results: PromiseSettledResult<unknown>[]) => results.filter((r) => r.status === "fulfilled").length;

  beforeEach(() => {
    sends = 0;
  });

  it(`sends at most ${TEST_SENDS_PER_MINUTE} test events out of ${TEST_SENDS_PER_MINUTE + 20} at once`, async () => {
    const a = await newOrg();
    const results = await Promise.allSettled(
      Array.from({ length: TEST_SENDS_PER_MINUTE + 20 }, () => sendTestEvent(ctx(), a.orgId, a.endpointId, a.actor)),
    );
    expect({ passed: passed(results), limited: limited(results) }).toEqual({ passed: TEST_SENDS_PER_MINUTE, limited: 20 });
    expect(sends).toBe(TEST_SENDS_PER_MINUTE);
    expect(await opened.db.delivery.count({ where: { organizationId: a.orgId } })).toBe(TEST_SENDS_PER_MINUTE);
  });

  it(`attempts at most ${RESENDS_PER_MINUTE} resends out of ${RESENDS_PER_MINUTE + 20} at once`, async () => {
    const a = await newOrg();
    const delivery = (await sendTestEvent(ctx(), a.orgId, a.endpointId, a.actor)).delivery_id;
    sends = 0;
    const results = await Promise.allSettled(Array.from({ length: RESENDS_PER_MINUTE + 20 }, () => resendDelivery(ctx(), a.orgId, delivery, a.actor)));
    expect({ passed: passed(results), limited: limited(results) }).toEqual({ passed: RESENDS_PER_MINUTE, limited: 20 });
    expect(sends).toBe(RESENDS_PER_MINUTE);
    expect(await opened.db.deliveryAttempt.count({ where: { deliveryId: delivery } })).toBe(1 + RESENDS_PER_MINUTE);
  });

  it(`queues at most ${REPLAYS_PER_MINUTE} replays out of ${REPLAYS_PER_MINUTE + 20} at once`, async () => {
    const a = await newOrg();
    const { message } = await publishEvent(opened.db, { orgId: a.orgId, type: "project.updated", data: { project: { id: "proj_z", name: "Z" } } });
    const results = await Promise.allSettled(
      Array.from({ length: REPLAYS_PER_MINUTE + 20 }, () => replayEvent(ctx(), a.orgId, message.id, a.endpointId, a.actor)),
    );
    expect({ passed: passed(results), limited: limited(results) }).toEqual({ passed: REPLAYS_PER_MINUTE, limited: 20 });
    expect(await opened.db.auditLog.count({ where: { organizationId: a.orgId, action: "event.replayed" } })).toBe(REPLAYS_PER_MINUTE);
  });
});
