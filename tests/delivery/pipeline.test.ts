// The whole path: publish → delivery rows → worker claims → sign → send → record → retry
// schedule, with an injected clock (no sleeping) and real local receivers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender } from "@/lib/delivery/sender";
import { claimDueDeliveries, LEASE_MS } from "@/lib/delivery/claim";
import { deliverDueOnce, startWorker } from "@/lib/delivery/worker";
import { createProject, deleteProject, updateProject } from "@/lib/projects";
import { createEndpoint, encryptLegacyEndpointSecrets, revealSecret, verifyWebhook } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";

const policy = { allowHttp: true, allowPrivate: true };
let opened: OpenedDatabase;
let receiver: Receiver;
let clock: Date;
let ctx: DeliveryContext;

const tick = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

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
  receiver.respondWith((_req, res) => {
    res.writeHead(200);
    res.end("ok");
  });
});

async function orgWithEndpoint(path: string, extra: Partial<Parameters<typeof createEndpoint>[2]> = {}) {
  const { org } = await createOrgWithUser(opened.db);
  const endpoint = await createEndpoint(
    opened.db,
    org.id,
    { name: path, url: `${receiver.url}${path}`, events: [], format: "standard", headers: {}, active: true, ...extra },
    systemActor,
    policy,
  );
  return { org, endpoint };
}

const projectEvent = (orgId: string, name = "MyPlugin") => ({
  orgId,
  type: "project.updated" as const,
  data: { project: { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name } },
});

describe("delivery pipeline", () => {
  it("delivers a published event, signed, to every subscribed endpoint and records the attempt", async () => {
    const { org, endpoint } = await orgWithEndpoint("/all");
    const other = await createEndpoint(
      opened.db,
      org.id,
      { name: "builds only", url: `${receiver.url}/builds`, events: ["build.failed"], format: "standard", headers: {}, active: true },
      systemActor,
      policy,
    );
    const { message, deliveries } = await publishEvent(opened.db, projectEvent(org.id), clock);
    expect(deliveries).toBe(1);

    expect(await deliverDueOnce(ctx)).toBe(1);
    expect(receiver.requests.map((r) => r.path)).toEqual(["/all"]);
    const { secret } = await revealSecret(opened.db, org.id, endpoint.id, systemActor);
    const headers = receiver.requests[0].headers as Record<string, string>;
    expect(headers["webhook-id"]).toBe(message.id);
    expect(headers["webhook-timestamp"]).toBe(String(clock.getTime() / 1000));
    expect(verifyWebhook(receiver.requests[0].body, headers, secret, { now: clock })).toMatchObject({ id: message.id });
    const body = JSON.parse(receiver.requests[0].body);
    expect(body).toEqual({ id: message.id, type: "project.updated", timestamp: clock.toISOString(), data: projectEvent(org.id).data });

    const delivery = await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id }, include: { attempts: true } });
    expect(delivery).toMatchObject({ status: "succeeded", attemptCount: 1, lastResponseStatus: 200, nextAttemptAt: null, leaseUntil: null });
    expect(delivery.attempts).toEqual([expect.objectContaining({ number: 1, trigger: "auto", responseStatus: 200, responseBody: "ok" })]);
    expect(await opened.db.delivery.count({ where: { endpointId: other.id } })).toBe(0);
  });

  it("retries on the schedule and succeeds once the receiver recovers (failed twice, then succeeded)", async () => {
    const { org } = await orgWithEndpoint("/flaky");
    receiver.respondWith((_req, res) => {
      res.writeHead(500);
      res.end("database is down");
    });
    const { message } = await publishEvent(opened.db, projectEvent(org.id), clock);

    expect(await deliverDueOnce(ctx)).toBe(1);
    let delivery = await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } });
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 1, lastResponseStatus: 500 });
    expect(delivery.nextAttemptAt).toEqual(new Date(clock.getTime() + 5_000));

    tick(4);
    expect(await deliverDueOnce(ctx)).toBe(0);
    tick(1);
    expect(await deliverDueOnce(ctx)).toBe(1);
    delivery = await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } });
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 2 });
    expect(delivery.nextAttemptAt).toEqual(new Date(clock.getTime() + 300_000));

    receiver.respondWith((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    tick(300);
    expect(await deliverDueOnce(ctx)).toBe(1);
    const done = await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id }, include: { attempts: { orderBy: { number: "asc" } } } });
    expect(done).toMatchObject({ status: "succeeded", attemptCount: 3, lastResponseStatus: 204 });
    expect(done.attempts.map((a) => [a.number, a.responseStatus, a.responseBody])).toEqual([
      [1, 500, "database is down"],
      [2, 500, "database is down"],
      [3, 204, ""],
    ]);
    // Every retry carries the same webhook-id.
    expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"]))).toEqual(new Set([message.id]));
  });

  it("marks a delivery failed when the schedule is exhausted", async () => {
    const { org } = await orgWithEndpoint("/down");
    await opened.db.endpoint.updateMany({ where: { organizationId: org.id }, data: { retrySchedule: [1, 2] } });
    receiver.respondWith((_req, res) => {
      res.writeHead(502);
      res.end();
    });
    const { message } = await publishEvent(opened.db, projectEvent(org.id), clock);
    for (const wait of [0, 1, 2]) {
      tick(wait);
      expect(await deliverDueOnce(ctx)).toBe(1);
    }
    tick(3600);
    expect(await deliverDueOnce(ctx)).toBe(0);
    expect(await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } })).toMatchObject({
      status: "failed",
      attemptCount: 3,
      nextAttemptAt: null,
    });
  });

  it("gets a delivery whose worker crashed mid-attempt delivered after its lease expires", async () => {
    const { org } = await orgWithEndpoint("/lease");
    const { message } = await publishEvent(opened.db, projectEvent(org.id), clock);
    // A worker claims it and dies before attempting.
    expect(await claimDueDeliveries(ctx, 10)).toHaveLength(1);
    expect(await deliverDueOnce(ctx)).toBe(0);
    tick(LEASE_MS / 1000 + 1);
    expect(await deliverDueOnce(ctx)).toBe(1);
    expect(receiver.requests.filter((r) => r.path === "/lease")).toHaveLength(1);
    expect((await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } })).status).toBe("succeeded");
  });

  it("disables an endpoint that answers 410 Gone and tells the organization", async () => {
    const { org, endpoint } = await orgWithEndpoint("/gone");
    const watcher = await orgWatcher(org.id);
    receiver.respondWith((req, res) => {
      res.writeHead(req.path === "/gone" ? 410 : 200);
      res.end();
    });
    await publishEvent(opened.db, projectEvent(org.id), clock);
    await deliverDueOnce(ctx);
    expect(await opened.db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      active: false,
      disabledReason: "The endpoint answered 410 Gone.",
      disabledBy: "system",
    });
    const event = await opened.db.message.findFirstOrThrow({ where: { organizationId: org.id, type: "endpoint.disabled" } });
    expect(event.payload).toEqual({
      endpoint: { id: endpoint.id, name: "/gone", disabled_reason: "The endpoint answered 410 Gone.", failing_since: null },
    });
    await deliverDueOnce(ctx);
    const told = receiver.requests.filter((r) => r.path === watcher);
    expect(told).toHaveLength(1);
    // The other endpoints never learn the disabled endpoint's URL (it may hold a credential).
    expect(JSON.parse(told[0].body).data.endpoint).not.toHaveProperty("url");
    expect(told[0].body).not.toContain(receiver.url);
  });

  it("auto-disables an endpoint that has failed continuously for 5 days", async () => {
    const { org, endpoint } = await orgWithEndpoint("/dead");
    receiver.respondWith((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    await publishEvent(opened.db, projectEvent(org.id), clock);
    await deliverDueOnce(ctx);
    expect((await opened.db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toEqual(clock);

    tick(5 * 24 * 3600 + 1);
    await publishEvent(opened.db, projectEvent(org.id, "Later"), clock);
    await deliverDueOnce(ctx);
    expect(await opened.db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      active: false,
      disabledReason: "Every delivery failed for 5 days.",
      disabledBy: "system",
    });
    expect(await opened.db.message.count({ where: { organizationId: org.id, type: "endpoint.disabled" } })).toBe(1);
    expect(await opened.db.auditLog.count({ where: { targetId: endpoint.id, action: "endpoint.auto_disabled" } })).toBe(1);
  });

  it("records a redirect and a receiver that hangs as failed attempts, and retries them", async () => {
    const { org, endpoint } = await orgWithEndpoint("/moved");
    const hanging = await createEndpoint(
      opened.db,
      org.id,
      { name: "hangs", url: `${receiver.url}/hang`, events: [], format: "standard", headers: {}, active: true },
      systemActor,
      policy,
    );
    await opened.db.endpoint.update({ where: { id: hanging.id }, data: { timeoutMs: 300 } });
    receiver.respondWith((req, res) => {
      if (req.path === "/hang") return; // never answers
      res.writeHead(301, { location: "/elsewhere" });
      res.end();
    });
    const { message } = await publishEvent(opened.db, projectEvent(org.id), clock);
    expect(await deliverDueOnce(ctx)).toBe(2);
    const rows = await opened.db.delivery.findMany({ where: { messageId: message.id }, include: { attempts: true } });
    const moved = rows.find((r) => r.endpointId === endpoint.id)!;
    const hung = rows.find((r) => r.endpointId === hanging.id)!;
    expect(moved).toMatchObject({ status: "pending", lastResponseStatus: 301 });
    expect(hung).toMatchObject({ status: "pending", lastResponseStatus: null, lastError: "Timed out after 0.3 s without a complete response." });
    expect(hung.attempts[0]).toMatchObject({ responseStatus: null, error: "Timed out after 0.3 s without a complete response." });
    expect(receiver.requests.filter((r) => r.path === "/elsewhere")).toHaveLength(0);
  });

  it("sends Slack-formatted messages to a Slack endpoint, signed like any other", async () => {
    const { org, endpoint } = await orgWithEndpoint("/slack", { format: "slack" });
    await publishEvent(opened.db, projectEvent(org.id, "Synth"), clock);
    await deliverDueOnce(ctx);
    const [req] = receiver.requests.filter((r) => r.path === "/slack");
    expect(JSON.parse(req.body)).toMatchObject({ text: ":information_source: Project Synth updated" });
    const { secret } = await revealSecret(opened.db, org.id, endpoint.id, systemActor);
    expect(() => verifyWebhook(req.body, req.headers as Record<string, string>, secret, { now: clock })).not.toThrow();
  });

  it("sends the real URL and header values, and logs the URL masked and every custom header redacted", async () => {
    const token = "tok_0123456789abcdefghij";
    const { org, endpoint } = await orgWithEndpoint(`/secret/${token}?key=s3cr3t-value`, {
      headers: { Authorization: "Bearer sk_live_0123456789", "X-Team": "synths" },
    });
    const { message } = await publishEvent(opened.db, projectEvent(org.id), clock);
    expect(await deliverDueOnce(ctx)).toBe(1);

    const [req] = receiver.requests.filter((r) => r.path.startsWith("/secret/"));
    expect(req.path).toBe(`/secret/${token}?key=s3cr3t-value`);
    expect(req.headers).toMatchObject({ authorization: "Bearer sk_live_0123456789", "x-team": "synths" });

    const attempt = await opened.db.deliveryAttempt.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(attempt.requestUrl).toBe(`${receiver.url}/secret/…?key=…`);
    expect(attempt.requestHeaders).toMatchObject({
      Authorization: "[redacted]",
      "X-Team": "[redacted]",
      "content-type": "application/json",
      "webhook-id": message.id,
    });
    // Signatures are no secret: they stay, so a receiver's check can be compared with the log.
    expect((attempt.requestHeaders as Record<string, string>)["webhook-signature"]).toMatch(/^v1,/);
    expect(JSON.stringify(attempt)).not.toMatch(/tok_0123456789|s3cr3t|sk_live_|synths/);
  });

  it("delivers an endpoint stored in clear before encryption, and the backfill encrypts it", async () => {
    const { org, endpoint } = await orgWithEndpoint("/legacy");
    const url = `${receiver.url}/legacy/tok_0123456789abcdefghij`;
    await opened.db.$executeRaw`UPDATE "Endpoint" SET "url" = ${url}, "headers" = ${JSON.stringify({ "X-Api-Key": "k_0123456789" })}::jsonb,
      "urlEncrypted" = NULL, "headersEncrypted" = NULL WHERE "id" = ${endpoint.id}`;

    await publishEvent(opened.db, projectEvent(org.id), clock);
    expect(await deliverDueOnce(ctx)).toBe(1);
    let got = receiver.requests.filter((r) => r.path.startsWith("/legacy/"));
    expect(got.map((r) => [r.path, r.headers["x-api-key"]])).toEqual([["/legacy/tok_0123456789abcdefghij", "k_0123456789"]]);
    const first = await opened.db.deliveryAttempt.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(first.requestUrl).toBe(`${receiver.url}/legacy/…`);
    expect(first.requestHeaders).toMatchObject({ "X-Api-Key": "[redacted]" });

    expect(await encryptLegacyEndpointSecrets(opened.db)).toBe(1);
    const [raw] = await opened.db.$queryRaw<{ row: string }[]>`SELECT row_to_json(e)::text AS row FROM "Endpoint" e WHERE e.id = ${endpoint.id}`;
    expect(raw.row).not.toMatch(/tok_0123456789|k_0123456789/);

    tick(1);
    await publishEvent(opened.db, projectEvent(org.id, "Again"), clock);
    expect(await deliverDueOnce(ctx)).toBe(1);
    got = receiver.requests.filter((r) => r.path.startsWith("/legacy/"));
    expect(got.map((r) => [r.path, r.headers["x-api-key"]])).toEqual([
      ["/legacy/tok_0123456789abcdefghij", "k_0123456789"],
      ["/legacy/tok_0123456789abcdefghij", "k_0123456789"],
    ]);
  });

  it("stops retrying when the receiver answers `webhook-delivery: abort`", async () => {
    const { org } = await orgWithEndpoint("/abort");
    receiver.respondWith((_req, res) => {
      res.writeHead(422, { "webhook-delivery": "abort" });
      res.end("unknown payload");
    });
    const { message } = await publishEvent(opened.db, projectEvent(org.id), clock);
    await deliverDueOnce(ctx);
    expect(await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } })).toMatchObject({ status: "failed", attemptCount: 1 });
  });

  it("publishes project.created, project.updated and project.deleted from the project service", async () => {
    const { org } = await orgWithEndpoint("/projects");
    const project = await createProject(opened.db, org.id, { name: "Synth", default_branch: "main", default_platforms: [], default_formats: [] }, systemActor);
    await updateProject(opened.db, org.id, project.id, { description: "Warm pads" }, systemActor, { kind: "role", role: "owner" });
    await deleteProject(opened.db, org.id, project.id, systemActor);
    const messages = await opened.db.message.findMany({ where: { organizationId: org.id }, orderBy: { id: "asc" } });
    expect(messages.map((m) => m.type)).toEqual(["project.created", "project.updated", "project.deleted"]);
    expect(messages[1].payload).toMatchObject({ project: { id: project.id, name: "Synth", description: "Warm pads" } });
    expect(await opened.db.delivery.count({ where: { messageId: { in: messages.map((m) => m.id) } } })).toBe(3);
  });

  it("runs as a background worker woken by publishing, and stops cleanly", async () => {
    const { org } = await orgWithEndpoint("/live");
    const live = deliveryContext(opened.db, { send: createSender({ allowPrivate: true }) });
    const worker = startWorker(live, { pollMs: 60_000 });
    try {
      const { message } = await publishEvent(opened.db, projectEvent(org.id));
      await expect
        .poll(async () => (await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } })).status, { timeout: 10_000 })
        .toBe("succeeded");
    } finally {
      await worker.stop();
    }
  });
});

/** A second endpoint in the org that watches for endpoint.disabled; returns its path. */
async function orgWatcher(orgId: string) {
  await createEndpoint(
    opened.db,
    orgId,
    { name: "watcher", url: `${receiver.url}/watcher`, events: ["endpoint.disabled"], format: "standard", headers: {}, active: true },
    systemActor,
    policy,
  );
  return "/watcher";
}
