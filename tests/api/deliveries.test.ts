// Delivery log, resend, recover and replay through the /api/v1 routes, with real receivers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as deliveryItem from "@/app/api/v1/deliveries/[deliveryId]/route";
import * as resendRoute from "@/app/api/v1/deliveries/[deliveryId]/resend/route";
import * as allDeliveries from "@/app/api/v1/deliveries/route";
import * as replayRoute from "@/app/api/v1/events/[eventId]/replay/route";
import * as eventItem from "@/app/api/v1/events/[eventId]/route";
import * as events from "@/app/api/v1/events/route";
import * as webhookDeliveries from "@/app/api/v1/webhooks/[webhookId]/deliveries/route";
import * as recoverRoute from "@/app/api/v1/webhooks/[webhookId]/recover/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliverDueOnce, deliveryContext, publishEvent, type DeliveryContext } from "@/lib/delivery";
import { createSender } from "@/lib/delivery/sender";
import { createEndpoint } from "@/lib/webhooks";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { startReceiver, type Receiver } from "../helpers/receiver";

type Delivery = {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  last_response_status: number | null;
  attempts?: { number: number; trigger: string; request_headers: Record<string, string>; response_status: number; response_body: string; error: string | null }[];
};

let opened: OpenedDatabase;
let receiver: Receiver;
let orgId: string;
let key: string;
let readOnly: string;
let otherKey: string;
let clock: Date;
let worker: DeliveryContext;
let failing = true;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver((req, res) => {
    const down = failing && req.path.startsWith("/flaky");
    res.writeHead(down ? 500 : 200, { "content-type": "text/plain" });
    res.end(down ? "flaky is down" : "ok");
  });
  const a = await createOrgWithUser(opened.db);
  orgId = a.org.id;
  key = await createKey(opened.db, orgId, ["webhooks:read", "deliveries:write"]);
  readOnly = await createKey(opened.db, orgId, ["webhooks:read"]);
  otherKey = await createKey(opened.db, (await createOrgWithUser(opened.db)).org.id, ["admin"]);
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});
beforeEach(() => {
  failing = true;
  clock = new Date(Date.now() + 1000); // just ahead of what is published now
  worker = deliveryContext(opened.db, { now: () => clock, send: createSender({ allowPrivate: true }) });
});

async function endpoint(path: string, events: string[] = []) {
  return createEndpoint(
    opened.db,
    orgId,
    { name: path, url: `${receiver.url}${path}`, events: events as never, format: "standard", headers: {}, active: true },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
}
const publish = (name: string) => publishEvent(opened.db, { orgId, type: "project.updated", data: { project: { id: "proj_x", name } } });
const get = <T>(handler: (req: Request, ctx: never) => Promise<Response>, url: string, params: object = {}, k = key) =>
  callRoute(handler as never, { url, key: k, params }).then((r) => expectJson<T>(r, 200));

describe("delivery log and recovery API", () => {
  it("lists an endpoint's deliveries and shows every attempt's request and response", async () => {
    const ep = await endpoint("/flaky-log");
    const { message } = await publish("Logged");
    await deliverDueOnce(worker);

    const list = await get<{ data: Delivery[] }>(webhookDeliveries.GET, `/api/v1/webhooks/${ep.id}/deliveries`, { webhookId: ep.id });
    expect(list.data).toEqual([
      expect.objectContaining({ event_id: message.id, event_type: "project.updated", status: "pending", attempt_count: 1, last_response_status: 500 }),
    ]);
    expect(new Date(list.data[0].next_attempt_at!).getTime()).toBe(clock.getTime() + 5000);

    const detail = await get<Delivery>(deliveryItem.GET, `/api/v1/deliveries/${list.data[0].id}`, { deliveryId: list.data[0].id });
    expect(detail.attempts).toEqual([
      expect.objectContaining({ number: 1, trigger: "auto", response_status: 500, response_body: "flaky is down", error: "HTTP 500: flaky is down" }),
    ]);
    expect(detail.attempts![0].request_headers["webhook-id"]).toBe(message.id);
    expect(detail.attempts![0].request_headers["webhook-signature"]).toMatch(/^v1,/);
  });

  it("resends a delivery now with the same webhook-id (202) and records a manual attempt", async () => {
    const ep = await endpoint("/flaky-resend");
    const { message } = await publish("Resent");
    await deliverDueOnce(worker);
    const [delivery] = (await get<{ data: Delivery[] }>(webhookDeliveries.GET, `/api/v1/webhooks/${ep.id}/deliveries`, { webhookId: ep.id })).data;

    failing = false;
    const res = await callRoute(resendRoute.POST, { method: "POST", url: `/api/v1/deliveries/${delivery.id}/resend`, key, params: { deliveryId: delivery.id } });
    expect(await expectJson(res, 202)).toMatchObject({ delivery_id: delivery.id, status: "succeeded" });
    const detail = await get<Delivery>(deliveryItem.GET, `/api/v1/deliveries/${delivery.id}`, { deliveryId: delivery.id });
    expect(detail).toMatchObject({ status: "succeeded", attempt_count: 2, next_attempt_at: null });
    expect(detail.attempts!.map((a) => [a.trigger, a.response_status])).toEqual([
      ["auto", 500],
      ["manual", 200],
    ]);
    const ids = receiver.requests.filter((r) => r.path === "/flaky-resend").map((r) => r.headers["webhook-id"]);
    expect(ids).toEqual([message.id, message.id]);
  });

  it("recovers every failed delivery of an endpoint since a time, and leaves older ones alone", async () => {
    const ep = await endpoint("/flaky-recover");
    await opened.db.endpoint.update({ where: { id: ep.id }, data: { retrySchedule: [1] } });
    const old = await publish("Old");
    await opened.db.delivery.updateMany({ where: { messageId: old.message.id }, data: { createdAt: new Date(Date.now() - 3600_000) } });
    await publish("New 1");
    await publish("New 2");
    await deliverDueOnce(worker);
    clock = new Date(clock.getTime() + 1000);
    await deliverDueOnce(worker);
    expect(await opened.db.delivery.count({ where: { endpointId: ep.id, status: "failed" } })).toBe(3);

    failing = false;
    const since = new Date(Date.now() - 600_000).toISOString();
    const res = await callRoute(recoverRoute.POST, { url: `/api/v1/webhooks/${ep.id}/recover`, key, body: { since }, params: { webhookId: ep.id } });
    expect(await expectJson(res, 202)).toEqual({ resent: 2 });
    clock = new Date(Date.now() + 1000);
    expect(await deliverDueOnce(worker)).toBe(2);
    const rows = await opened.db.delivery.findMany({ where: { endpointId: ep.id }, include: { attempts: { orderBy: { number: "desc" }, take: 1 } } });
    const byStatus = rows.map((r) => [r.messageId === old.message.id ? "old" : "new", r.status, r.attempts[0].trigger]).sort();
    expect(byStatus).toEqual([
      ["new", "succeeded", "manual"],
      ["new", "succeeded", "manual"],
      ["old", "failed", "auto"],
    ]);
  });

  it("validates recovery input and refuses disabled endpoints", async () => {
    const ep = await endpoint("/flaky-validate");
    const bad = await callRoute(recoverRoute.POST, { url: `/x`, key, body: { since: "yesterday" }, params: { webhookId: ep.id } });
    expect((await expectProblem(bad, 422)).errors?.[0]).toMatchObject({ field: "since" });
    await opened.db.endpoint.update({ where: { id: ep.id }, data: { active: false } });
    const off = await callRoute(recoverRoute.POST, { url: `/x`, key, body: { since: new Date().toISOString() }, params: { webhookId: ep.id } });
    expect((await expectProblem(off, 409)).detail).toContain("Enable it first");
  });

  it("replays any event to an endpoint, even one that was not subscribed", async () => {
    await endpoint("/builds-only", ["build.failed"]);
    const target = await endpoint("/replay-target", ["build.failed"]);
    const { message } = await publish("Replayed");
    expect(await opened.db.delivery.count({ where: { messageId: message.id, endpointId: target.id } })).toBe(0);
    const res = await callRoute(replayRoute.POST, { url: `/x`, key, body: { webhook_id: target.id }, params: { eventId: message.id } });
    const body = await expectJson<{ delivery_id: string; status: string }>(res, 202);
    expect(body.status).toBe("pending");
    clock = new Date(Date.now() + 1000);
    await deliverDueOnce(worker);
    expect(receiver.requests.filter((r) => r.path === "/replay-target").map((r) => r.headers["webhook-id"])).toEqual([message.id]);
  });

  it("filters the organization's deliveries by status and event type, and explains bad filters", async () => {
    const ep = await endpoint("/ok-filter");
    await publish("Filtered");
    await deliverDueOnce(worker);
    const ok = await get<{ data: Delivery[] }>(allDeliveries.GET, `/api/v1/deliveries?status=succeeded&webhook_id=${ep.id}`);
    expect(ok.data.length).toBeGreaterThan(0);
    expect(ok.data.every((d) => d.status === "succeeded")).toBe(true);
    const none = await get<{ data: Delivery[] }>(allDeliveries.GET, `/api/v1/deliveries?event_type=build.failed&webhook_id=${ep.id}`);
    expect(none.data).toEqual([]);
    const bad = await callRoute(allDeliveries.GET, { url: "/api/v1/deliveries?status=lost", key });
    expect((await expectProblem(bad, 422)).errors?.[0]?.field).toBe("status");
  });

  it("lists and gets events in the envelope shape", async () => {
    const { message } = await publish("Evented");
    const list = await get<{ data: { id: string; type: string; data: unknown }[] }>(events.GET, "/api/v1/events?type=project.updated&limit=100");
    expect(list.data.map((e) => e.id)).toContain(message.id);
    const one = await get<Record<string, unknown>>(eventItem.GET, `/api/v1/events/${message.id}`, { eventId: message.id });
    expect(one).toEqual({ id: message.id, type: "project.updated", project_id: null, timestamp: message.createdAt.toISOString(), data: { project: { id: "proj_x", name: "Evented" } } });
  });

  it("needs deliveries:write to resend, recover or replay", async () => {
    const ep = await endpoint("/scoped");
    const res = await callRoute(recoverRoute.POST, { url: `/x`, key: readOnly, body: { since: new Date().toISOString() }, params: { webhookId: ep.id } });
    expect((await expectProblem(res, 403)).detail).toContain("deliveries:write");
  });

  it("hides deliveries and events of other organizations", async () => {
    const ep = await endpoint("/private");
    const { message } = await publish("Private");
    const delivery = await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id, endpointId: ep.id } });
    await expectProblem(await callRoute(deliveryItem.GET, { url: "/x", key: otherKey, params: { deliveryId: delivery.id } }), 404);
    await expectProblem(await callRoute(resendRoute.POST, { method: "POST", url: "/x", key: otherKey, params: { deliveryId: delivery.id } }), 404);
    await expectProblem(await callRoute(eventItem.GET, { url: "/x", key: otherKey, params: { eventId: message.id } }), 404);
    await expectProblem(await callRoute(replayRoute.POST, { url: "/x", key: otherKey, body: { webhook_id: ep.id }, params: { eventId: message.id } }), 404);
    await expectProblem(await callRoute(webhookDeliveries.GET, { url: "/x", key: otherKey, params: { webhookId: ep.id } }), 404);
    const theirs = await expectJson<{ data: unknown[] }>(await callRoute(allDeliveries.GET, { url: "/api/v1/deliveries", key: otherKey }), 200);
    expect(theirs.data).toEqual([]);
  });
});
