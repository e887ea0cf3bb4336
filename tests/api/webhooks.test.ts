// /api/v1/webhooks end to end through the route handlers, with a real receiver for test events.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as eventTypes from "@/app/api/v1/event-types/route";
import * as secretRoute from "@/app/api/v1/webhooks/[webhookId]/secret/route";
import * as rotateRoute from "@/app/api/v1/webhooks/[webhookId]/secret/rotate/route";
import * as testRoute from "@/app/api/v1/webhooks/[webhookId]/test/route";
import * as item from "@/app/api/v1/webhooks/[webhookId]/route";
import * as collection from "@/app/api/v1/webhooks/route";
import type { OpenedDatabase } from "@/lib/db";
import { EVENT_TYPES } from "@/lib/webhooks";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { startReceiver, type Receiver } from "../helpers/receiver";

type Webhook_ = { id: string; name: string; url: string; events: string[]; project_id: string | null; active: boolean; format: string };
type SecretBody = { secret: string; previous_secrets: { secret: string; expires_at: string }[] };

let opened: OpenedDatabase;
let receiver: Receiver;
let admin: string;
let writer: string;
let reader: string;
let otherOrgKey: string;
let orgId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
  const a = await createOrgWithUser(opened.db, "owner");
  orgId = a.org.id;
  admin = await createKey(opened.db, orgId, ["admin"]);
  writer = await createKey(opened.db, orgId, ["webhooks:read", "webhooks:write"]);
  reader = await createKey(opened.db, orgId, ["webhooks:read"]);
  const b = await createOrgWithUser(opened.db, "owner");
  otherOrgKey = await createKey(opened.db, b.org.id, ["admin"]);
});

afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});

const create = (body: unknown, key = writer) => callRoute(collection.POST, { url: "/api/v1/webhooks", key, body });
const on = <M extends "GET" | "PATCH" | "DELETE">(method: M, id: string, key: string, body?: unknown) =>
  callRoute(item[method], { method, url: `/api/v1/webhooks/${id}`, key, body, params: { webhookId: id } });
const reveal = (id: string, key = admin) => callRoute(secretRoute.GET, { url: `/api/v1/webhooks/${id}/secret`, key, params: { webhookId: id } });
const rotate = (id: string, body: unknown = {}, key = admin) =>
  callRoute(rotateRoute.POST, { url: `/api/v1/webhooks/${id}/secret/rotate`, key, body, params: { webhookId: id } });
const sendTest = (id: string, key = writer) => callRoute(testRoute.POST, { method: "POST", url: `/api/v1/webhooks/${id}/test`, key, params: { webhookId: id } });

describe("webhook endpoints API", () => {
  it("creates an endpoint (201) in the documented shape, never including the secret", async () => {
    const res = await create({ name: "Builds", url: `${receiver.url}/hook`, events: ["build.succeeded", "build.failed"] });
    const body = await expectJson<Webhook_>(res, 201);
    expect(body).toMatchObject({
      name: "Builds",
      url: `${receiver.url}/hook`,
      events: ["build.succeeded", "build.failed"],
      project_id: null,
      format: "standard",
      active: true,
    });
    expect(body.id).toMatch(/^ep_/);
    expect(JSON.stringify(body)).not.toMatch(/whsec_|secret/i);
  });

  it("stores the secret encrypted, not as plaintext", async () => {
    const created = await expectJson<Webhook_>(await create({ name: "Encrypted", url: receiver.url }), 201);
    const { secret } = await expectJson<SecretBody>(await reveal(created.id), 200);
    const rows = await opened.db.endpointSecret.findMany({ where: { endpointId: created.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].secretEncrypted).not.toContain(secret.slice(6));
  });

  it("accepts a bring-your-own secret and refuses a malformed one, naming the field", async () => {
    const own = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    const created = await expectJson<Webhook_>(await create({ name: "BYO", url: receiver.url, secret: own }), 201);
    expect((await expectJson<SecretBody>(await reveal(created.id), 200)).secret).toBe(own);
    const bad = await expectProblem(await create({ name: "Bad", url: receiver.url, secret: "hunter2" }), 422);
    expect(bad.errors).toEqual([expect.objectContaining({ field: "secret", message: "Secrets start with `whsec_`." })]);
    expect(JSON.stringify(bad)).not.toContain("hunter2");
  });

  it("explains invalid input field by field", async () => {
    const problem = await expectProblem(
      await create({ name: "", url: "ftp://example.com", events: ["build.exploded"], format: "teams", headers: { "Content-Type": "x" } }),
      422,
    );
    const fields = problem.errors!.map((e) => e.field).sort();
    expect(fields).toEqual(["events.0", "format", "headers.Content-Type", "name"]);
    expect(problem.errors!.find((e) => e.field === "events.0")!.message).toContain("Unknown event type");
    expect(problem.errors!.find((e) => e.field === "headers.Content-Type")!.message).toBe(
      "This header is set by Control Center and cannot be overridden.",
    );
    const urlProblem = await expectProblem(await create({ name: "Ftp", url: "ftp://example.com" }), 422);
    expect(urlProblem.errors).toEqual([expect.objectContaining({ field: "url", message: "Use an https:// URL." })]);
  });

  it("refuses a project of another organization as the scope", async () => {
    const problem = await expectProblem(await create({ name: "Scoped", url: receiver.url, project_id: "proj_01JH0000000000000000000000" }), 422);
    expect(problem.errors?.[0]?.field).toBe("project_id");
  });

  it("lists with cursor pagination, gets, updates and deletes", async () => {
    const ids: string[] = [];
    for (const name of ["P1", "P2", "P3"]) ids.push((await expectJson<Webhook_>(await create({ name, url: receiver.url }), 201)).id);
    const first = await expectJson<{ data: Webhook_[]; next_cursor: string }>(
      await callRoute(collection.GET, { url: "/api/v1/webhooks?limit=2", key: reader }),
      200,
    );
    expect(first.data.map((w) => w.name)).toEqual(["P3", "P2"]);
    const second = await expectJson<{ data: Webhook_[] }>(
      await callRoute(collection.GET, { url: `/api/v1/webhooks?limit=2&cursor=${first.next_cursor}`, key: reader }),
      200,
    );
    expect(second.data[0].name).toBe("P1");
    expect(JSON.stringify([first, second])).not.toContain("whsec_");

    const patched = await expectJson<Webhook_ & { disabled_reason: string }>(await on("PATCH", ids[0], writer, { active: false, events: [] }), 200);
    expect(patched).toMatchObject({ active: false, events: [], disabled_reason: "Disabled by a user.", disabled_by: "user" });
    expect(await expectJson(await on("DELETE", ids[0], writer), 200)).toEqual({ id: ids[0], deleted: true });
    await expectProblem(await on("GET", ids[0], reader), 404);
  });

  it("needs webhooks:write to change and webhooks:secrets (or admin) to reveal or rotate", async () => {
    const created = await expectJson<Webhook_>(await create({ name: "Scopes", url: receiver.url }), 201);
    expect((await expectProblem(await create({ name: "No", url: receiver.url }, reader), 403)).detail).toContain("webhooks:write");
    expect((await expectProblem(await reveal(created.id, writer), 403)).detail).toContain("webhooks:secrets");
    await expectProblem(await rotate(created.id, {}, writer), 403);
  });

  it("rotates with an overlap: the old secret is listed with its expiry and both sign", async () => {
    const created = await expectJson<Webhook_>(await create({ name: "Rotating", url: `${receiver.url}/rotating` }), 201);
    const before = await expectJson<SecretBody>(await reveal(created.id), 200);
    const rotated = await expectJson<SecretBody>(await rotate(created.id, { overlap_seconds: 3600 }), 200);
    expect(rotated.secret).not.toBe(before.secret);
    expect(rotated.previous_secrets).toHaveLength(1);
    expect(rotated.previous_secrets[0].secret).toBe(before.secret);
    const expiresIn = new Date(rotated.previous_secrets[0].expires_at).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(3500_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);

    const result = await expectJson<{ status: string; response_status: number }>(await sendTest(created.id), 200);
    expect(result).toMatchObject({ status: "succeeded", response_status: 200 });
    const got = receiver.requests.filter((r) => r.path === "/rotating");
    expect(got).toHaveLength(1);
    const headers = got[0].headers as Record<string, string>;
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(before.secret).verify(got[0].body, headers)).not.toThrow();
    expect(() => new Webhook(rotated.secret).verify(got[0].body, headers)).not.toThrow();

    const invalid = await expectProblem(await rotate(created.id, { overlap_seconds: 8 * 86400 }), 422);
    expect(invalid.errors?.[0]).toMatchObject({ field: "overlap_seconds" });
    const immediate = await expectJson<SecretBody>(await rotate(created.id, { overlap_seconds: 0 }), 200);
    // No overlap retires every older secret at once (e.g. after a leak): only the new one signs.
    expect(immediate.previous_secrets).toEqual([]);
    expect(immediate.secret).not.toBe(rotated.secret);
  });

  it("sends a test event right away and reports the receiver's answer", async () => {
    const created = await expectJson<Webhook_>(await create({ name: "Tested", url: `${receiver.url}/tested`, headers: { Authorization: "Bearer abc", "X-Team": "synths" } }), 201);
    const { secret } = await expectJson<SecretBody>(await reveal(created.id), 200);
    const result = await expectJson<Record<string, unknown>>(await sendTest(created.id), 200);
    expect(result).toMatchObject({ status: "succeeded", response_status: 200, response_body: JSON.stringify({ received: true }), error: null });
    expect(result.delivery_id).toMatch(/^del_/);
    expect(result.duration_ms).toEqual(expect.any(Number));

    const got = receiver.requests.filter((r) => r.path === "/tested")[0];
    const headers = got.headers as Record<string, string>;
    const payload = new Webhook(secret).verify(got.body, headers) as { id: string; type: string; timestamp: string; data: { endpoint: { id: string } } };
    expect(payload).toMatchObject({ type: "webhook.test", data: { endpoint: { id: created.id } } });
    expect(headers["webhook-id"]).toBe(payload.id);
    expect(headers["x-webhook-event"]).toBe("webhook.test");
    expect(headers["x-team"]).toBe("synths");
    expect(headers.authorization).toBe("Bearer abc");

    // Recorded in the log with every custom header value redacted (not only credential-like names).
    const attempt = await opened.db.deliveryAttempt.findFirstOrThrow({ where: { deliveryId: result.delivery_id as string } });
    expect(attempt).toMatchObject({ trigger: "test", number: 1, responseStatus: 200 });
    expect(attempt.requestHeaders).toMatchObject({ Authorization: "[redacted]", "X-Team": "[redacted]", "webhook-id": payload.id });
    expect(JSON.stringify(attempt)).not.toContain(secret);
    expect(JSON.stringify(attempt)).not.toContain("synths");
  });

  it("masks header values and the URL's secret parts for keys without webhooks:write", async () => {
    const token = "abcdefghijklmnopqrstuvwx";
    const slack = `https://hooks.slack.com/services/T0123ABCD/B0456EFGH/${token}`;
    const headers = { Authorization: "Bearer sk_live_0123456789", "X-Team": "synths" };
    const created = await expectJson<Webhook_ & { headers: Record<string, string> }>(
      await create({ name: "Slack channel", url: slack, format: "slack", headers }),
      201,
    );
    expect(created).toMatchObject({ url: slack, headers });

    const masked = { url: "https://hooks.slack.com/services/…/…/…", headers: { Authorization: "••••", "X-Team": "••••" } };
    const asReader = await expectJson<Webhook_>(await on("GET", created.id, reader), 200);
    expect(asReader).toMatchObject(masked);
    const list = await expectJson<{ data: Webhook_[] }>(await callRoute(collection.GET, { url: "/api/v1/webhooks?limit=100", key: reader }), 200);
    expect(list.data.find((w) => w.id === created.id)).toMatchObject(masked);
    expect(JSON.stringify([asReader, list])).not.toMatch(new RegExp(`${token}|sk_live_|synths`));

    for (const key of [writer, admin]) {
      expect(await expectJson(await on("GET", created.id, key), 200)).toMatchObject({ url: slack, headers });
      const all = await expectJson<{ data: Webhook_[] }>(await callRoute(collection.GET, { url: "/api/v1/webhooks?limit=100", key }), 200);
      expect(all.data.find((w) => w.id === created.id)).toMatchObject({ url: slack, headers });
    }

    // A masked value sent back is refused, never stored over the real one.
    const echo = await expectProblem(await on("PATCH", created.id, writer, { headers: masked.headers, url: masked.url }), 422);
    expect(echo.errors!.map((e) => e.field).sort()).toEqual(["headers.Authorization", "headers.X-Team", "url"]);
    expect(await expectJson(await on("GET", created.id, writer), 200)).toMatchObject({ url: slack, headers });
  });

  it("reports a failing receiver as failed with its status and body", async () => {
    const created = await expectJson<Webhook_>(await create({ name: "Failing", url: `${receiver.url}/failing` }), 201);
    receiver.respondWith((req, res) => {
      res.writeHead(req.path === "/failing" ? 503 : 200);
      res.end(req.path === "/failing" ? "maintenance" : "ok");
    });
    try {
      const result = await expectJson<Record<string, unknown>>(await sendTest(created.id), 200);
      expect(result).toMatchObject({ status: "failed", response_status: 503, response_body: "maintenance" });
      expect(result.error).toContain("503");
    } finally {
      receiver.respondWith((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ received: true }));
      });
    }
  });

  it("audits reveals and rotations", async () => {
    const created = await expectJson<Webhook_>(await create({ name: "Audited", url: receiver.url }), 201);
    await reveal(created.id);
    await rotate(created.id);
    const actions = (await opened.db.auditLog.findMany({ where: { targetId: created.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["endpoint.created", "endpoint.secret_revealed", "endpoint.secret_rotated"]);
  });

  it("hides endpoints from other organizations (404 on every route)", async () => {
    const created = await expectJson<Webhook_>(await create({ name: "Private", url: receiver.url }), 201);
    await expectProblem(await on("GET", created.id, otherOrgKey), 404);
    await expectProblem(await on("PATCH", created.id, otherOrgKey, { name: "Mine" }), 404);
    await expectProblem(await on("DELETE", created.id, otherOrgKey), 404);
    await expectProblem(await reveal(created.id, otherOrgKey), 404);
    await expectProblem(await rotate(created.id, {}, otherOrgKey), 404);
    await expectProblem(await sendTest(created.id, otherOrgKey), 404);
    const list = await expectJson<{ data: Webhook_[] }>(await callRoute(collection.GET, { url: "/api/v1/webhooks", key: otherOrgKey }), 200);
    expect(list.data).toEqual([]);
    expect((await opened.db.endpoint.findUniqueOrThrow({ where: { id: created.id } })).name).toBe("Private");
  });

  it("serves the event catalog with descriptions, examples and JSON schemas", async () => {
    const body = await expectJson<{ data: { type: string; description: string; example: object; schema: object }[] }>(
      await callRoute(eventTypes.GET, { url: "/api/v1/event-types", key: reader }),
      200,
    );
    expect(body.data.map((e) => e.type)).toEqual(EVENT_TYPES);
    expect(body.data).toHaveLength(16);
    for (const entry of body.data) {
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.schema).toHaveProperty("type", "object");
    }
  });
});
