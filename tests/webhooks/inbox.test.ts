// Test inboxes end to end: deliveries from the real delivery core recorded in process (private
// destinations refused or not), signature checks against every active secret, the public
// receiver through its route handler, and the /api/v1/inboxes API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as receiver from "@/app/api/inbox/[token]/route";
import * as requestsRoute from "@/app/api/v1/inboxes/[inboxId]/requests/route";
import * as item from "@/app/api/v1/inboxes/[inboxId]/route";
import * as collection from "@/app/api/v1/inboxes/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import { withInboxDelivery } from "@/lib/delivery/inbox-sender";
import { publishEvent } from "@/lib/delivery/publish";
import { pruneExpiredInboxes } from "@/lib/delivery/retention";
import { createSender } from "@/lib/delivery/sender";
import { deliverDueOnce } from "@/lib/delivery/worker";
import { NotFoundError } from "@/lib/errors";
import {
  createEndpoint,
  createInbox,
  INBOX_REQUEST_LIMIT,
  listInboxRequests,
  recordInboxRequest,
  revealSecret,
  rotateSecret,
  type InboxRequestResource,
  type InboxResource,
} from "@/lib/webhooks";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

// Nothing listens on port 9 (discard): a request that reached the network would fail.
const ORIGIN = "http://127.0.0.1:9";
// Endpoints may be saved with this URL; whether the sender may reach it is the context's business.
const SAVE_ANY_URL = { allowHttp: true, allowPrivate: true };
const HOUR = 3600_000;

let opened: OpenedDatabase;
let orgId: string;
let otherOrgId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createOrgWithUser(opened.db, "owner")).org.id;
  otherOrgId = (await createOrgWithUser(opened.db, "owner")).org.id;
});

afterAll(async () => {
  await opened?.close();
});

/** A context whose sender refuses private and loopback addresses, as with ALLOW_PRIVATE_ENDPOINTS=0. */
function privateRefusedContext(now = () => new Date()): DeliveryContext {
  return deliveryContext(opened.db, { now, send: withInboxDelivery(createSender({ allowPrivate: false }), opened.db, now) });
}

/** An organization of its own per test: every endpoint of an organization hears its events. */
const freshOrg = async () => (await createOrgWithUser(opened.db, "owner")).org.id;

async function endpointAt(org: string, url: string, extra: Partial<Parameters<typeof createEndpoint>[2]> = {}) {
  return createEndpoint(opened.db, org, { name: "Inbox", url, events: [], format: "standard", headers: {}, active: true, ...extra }, systemActor, SAVE_ANY_URL);
}

async function publishAndDeliver(ctx: DeliveryContext, org: string, name = "MyPlugin") {
  const { message } = await publishEvent(opened.db, { orgId: org, type: "project.updated", data: { project: { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name } } }, ctx.now());
  await deliverDueOnce(ctx);
  return message;
}

const requestsOf = async (org: string, inboxId: string, webhookId?: string, now?: Date) =>
  (await listInboxRequests(opened.db, org, inboxId, { webhookId }, { limit: 100 }, { reveal: true, now })).items;

describe("deliveries to a test inbox", () => {
  it("records a delivery in process, even where private destinations are refused", async () => {
    const org = await freshOrg();
    const inbox = await createInbox(opened.db, org, { name: "Private refused" }, ORIGIN, systemActor);
    const endpoint = await endpointAt(org, inbox.url);
    // The same origin, but no inbox: this one goes to the network and is refused.
    const elsewhere = await endpointAt(org, `${ORIGIN}/api/inbox/${"x".repeat(43)}`);
    const message = await publishAndDeliver(privateRefusedContext(), org);

    const [recorded] = await requestsOf(org, inbox.id);
    expect(recorded).toMatchObject({ method: "POST", signature_valid: null });
    expect(JSON.parse(recorded.body)).toMatchObject({ id: message.id, type: "project.updated" });
    expect(recorded.headers).toMatchObject({ "webhook-id": message.id, "content-type": "application/json", "user-agent": expect.stringContaining("ControlCenter") });

    const attempts = await opened.db.deliveryAttempt.findMany({ where: { delivery: { messageId: message.id } } });
    const byEndpoint = Object.fromEntries(attempts.map((a) => [a.endpointId, a]));
    expect(byEndpoint[endpoint.id]).toMatchObject({ responseStatus: 200, responseBody: '{"received":true}', error: null });
    expect(byEndpoint[elsewhere.id]).toMatchObject({ responseStatus: null, error: expect.stringContaining("Refused") });
  });

  it("is what deliveryContext() sends with by default", async () => {
    const org = await freshOrg();
    const inbox = await createInbox(opened.db, org, {}, ORIGIN, systemActor);
    const endpoint = await endpointAt(org, inbox.url);
    const message = await publishAndDeliver(deliveryContext(opened.db), org);
    const delivery = await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id, endpointId: endpoint.id } });
    expect(delivery).toMatchObject({ status: "succeeded", lastResponseStatus: 200 });
    expect(await requestsOf(org, inbox.id)).toHaveLength(1);
  });

  it("sends to the network once the inbox is deleted, or when the URL is not exactly the inbox's", async () => {
    const inbox = await createInbox(opened.db, await freshOrg(), {}, ORIGIN, systemActor);
    const sent: string[] = [];
    const send = withInboxDelivery(async (req) => {
      sent.push(req.url);
      return { status: 204, headers: {}, body: "", durationMs: 0, error: null };
    }, opened.db);
    const request = { headers: {}, body: "{}" };
    await send({ url: `${inbox.url}?x=1`, ...request });
    await send({ url: inbox.url.replace("127.0.0.1", "localhost"), ...request });
    expect(sent).toHaveLength(2);
    expect((await send({ url: inbox.url, ...request })).status).toBe(200);
    await opened.db.inbox.delete({ where: { id: inbox.id } });
    expect((await send({ url: inbox.url, ...request })).status).toBe(204);
    expect(sent).toHaveLength(3);
  });

  it("lets an endpoint be saved with its organization's inbox URL where the URL rules refuse plain http and private addresses", async () => {
    const strict = { allowHttp: false, allowPrivate: false };
    const org = await freshOrg();
    const inbox = await createInbox(opened.db, org, {}, ORIGIN, systemActor);
    const other = await createInbox(opened.db, await freshOrg(), {}, ORIGIN, systemActor);
    const input = { name: "Inbox", events: [], format: "standard" as const, headers: {}, active: true };

    const saved = await createEndpoint(opened.db, org, { ...input, url: inbox.url }, systemActor, strict);
    expect(saved.url).toBe(inbox.url.replace(/[^/]+$/, "…"));
    // Another organization's inbox, or any other local URL, is held to the rules.
    await expect(createEndpoint(opened.db, org, { ...input, url: other.url }, systemActor, strict)).rejects.toMatchObject({ errors: [expect.objectContaining({ field: "url" })] });
    await expect(createEndpoint(opened.db, org, { ...input, url: `${ORIGIN}/hook` }, systemActor, strict)).rejects.toMatchObject({ errors: [expect.objectContaining({ field: "url" })] });
  });

  it("stays alive while it receives requests, and keeps only the last 7 days of them", async () => {
    const org = await freshOrg();
    const created = new Date(Date.now() - 6 * 24 * HOUR);
    const inbox = await createInbox(opened.db, org, {}, ORIGIN, systemActor, created);
    await recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: {}, body: "old" }, created);
    const now = new Date(created.getTime() + 6 * 24 * HOUR + HOUR);
    await recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: {}, body: "middle" }, new Date(now.getTime() - 2 * HOUR));

    // Over 7 days after it was made, a request keeps it for 7 more days from now.
    const later = new Date(created.getTime() + 8 * 24 * HOUR);
    await recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: {}, body: "new" }, later);
    const stored = await opened.db.inbox.findUniqueOrThrow({ where: { id: inbox.id } });
    expect(stored.expiresAt).toEqual(new Date(later.getTime() + 7 * 24 * HOUR));
    const bodies = (await opened.db.inboxRequest.findMany({ where: { inboxId: inbox.id }, orderBy: { id: "asc" } })).map((r) => r.body);
    expect(bodies).toEqual(["middle", "new"]);
  });

  it("answers 404 in process for an expired inbox", async () => {
    const inbox = await createInbox(opened.db, await freshOrg(), {}, ORIGIN, systemActor, new Date(Date.now() - 8 * 24 * HOUR));
    const result = await withInboxDelivery(createSender({ allowPrivate: false }), opened.db)({ url: inbox.url, headers: {}, body: "{}" });
    expect(result.status).toBe(404);
  });
});

describe("signature checks", () => {
  it("verifies with the endpoint's secret, and not a tampered body or another endpoint's secret", async () => {
    const org = await freshOrg();
    const inbox = await createInbox(opened.db, org, {}, ORIGIN, systemActor);
    const endpoint = await endpointAt(org, inbox.url);
    const other = await endpointAt(org, "https://example.com/other", { active: false });
    await publishAndDeliver(privateRefusedContext(), org);

    const [request] = await requestsOf(org, inbox.id, endpoint.id);
    // A new endpoint also sends the timestamped compatibility signature.
    const timestamped = { scheme: "timestamped", header: "X-Webhook-Signature" };
    expect(request).toMatchObject({ signature_valid: true, signature_problem: null, compat_signature: { ...timestamped, valid: true } });
    expect((await requestsOf(org, inbox.id, other.id))[0]).toMatchObject({
      signature_valid: false,
      signature_problem: "No matching signature found.",
      compat_signature: { ...timestamped, valid: false },
    });

    await opened.db.inboxRequest.update({ where: { id: request.id }, data: { body: request.body.replace("MyPlugin", "Tampered") } });
    expect((await requestsOf(org, inbox.id, endpoint.id))[0].signature_valid).toBe(false);
  });

  it("verifies against every active secret during a rotation overlap, and only those", async () => {
    const org = await freshOrg();
    const inbox = await createInbox(opened.db, org, {}, ORIGIN, systemActor);
    const endpoint = await endpointAt(org, inbox.url);
    const ctx = privateRefusedContext();
    await publishAndDeliver(ctx, org, "before");
    const rotated = await rotateSecret(opened.db, org, endpoint.id, 3600, systemActor);
    expect(rotated.previous_secrets).toHaveLength(1);
    await publishAndDeliver(ctx, org, "after");

    const [after, before] = await requestsOf(org, inbox.id, endpoint.id);
    expect(JSON.parse(before.body).data.project.name).toBe("before");
    expect(after.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect([before.signature_valid, after.signature_valid]).toEqual([true, true]);

    // Once the overlap is over, only the new secret signs: the request signed with the old one alone fails.
    const later = await requestsOf(org, inbox.id, endpoint.id, new Date(Date.now() + 2 * HOUR));
    expect(later.map((r) => [JSON.parse(r.body).data.project.name, r.signature_valid])).toEqual([
      ["after", true],
      ["before", false],
    ]);
  });

  it("says whether the endpoint's compatibility signature verified", async () => {
    const org = await freshOrg();
    const inbox = await createInbox(opened.db, org, {}, ORIGIN, systemActor);
    const endpoint = await endpointAt(org, inbox.url, { compat_signature: { scheme: "body-sha256", header: "X-Hub-Signature-256" } });
    await publishAndDeliver(privateRefusedContext(), org);
    const [request] = await requestsOf(org, inbox.id, endpoint.id);
    expect(request.compat_signature).toEqual({ scheme: "body-sha256", header: "X-Hub-Signature-256", valid: true });
    expect(request.signature_valid).toBe(true);
  });

  it("checks nothing without a webhook-signature header, and refuses another organization's endpoint", async () => {
    const org = await freshOrg();
    const inbox = await createInbox(opened.db, org, {}, ORIGIN, systemActor);
    const endpoint = await endpointAt(org, inbox.url);
    const foreign = await endpointAt(otherOrgId, "https://example.com/foreign", { active: false });
    await recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" }, new Date());
    expect((await requestsOf(org, inbox.id, endpoint.id))[0]).toMatchObject({ signature_valid: null, compat_signature: null });
    await expect(requestsOf(org, inbox.id, foreign.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("recording", () => {
  it(`keeps only the newest ${INBOX_REQUEST_LIMIT} requests`, async () => {
    const inbox = await createInbox(opened.db, orgId, {}, ORIGIN, systemActor);
    const start = Date.now();
    for (let i = 0; i < INBOX_REQUEST_LIMIT + 5; i++) {
      await recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: {}, body: String(i) }, new Date(start + i * 1000));
    }
    const kept = await requestsOf(orgId, inbox.id);
    expect(kept).toHaveLength(INBOX_REQUEST_LIMIT);
    expect([kept[0].body, kept.at(-1)!.body]).toEqual([String(INBOX_REQUEST_LIMIT + 4), "5"]);
  });

  it("refuses an unknown or expired token, and the retention run deletes expired inboxes", async () => {
    const now = new Date();
    const inbox = await createInbox(opened.db, orgId, {}, ORIGIN, systemActor, new Date(now.getTime() - 7 * 24 * HOUR - 1000));
    await expect(recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: {}, body: "" }, now)).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordInboxRequest(opened.db, "y".repeat(43), { method: "POST", headers: {}, body: "" }, now)).rejects.toBeInstanceOf(NotFoundError);
    expect(await pruneExpiredInboxes(opened.db, now)).toBeGreaterThanOrEqual(1);
    expect(await opened.db.inbox.findUnique({ where: { id: inbox.id } })).toBeNull();
  });

  it("caps the body at 256 KiB and the headers at 100, and stores text PostgreSQL cannot hold", async () => {
    const inbox = await createInbox(opened.db, orgId, {}, ORIGIN, systemActor);
    const headers = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`x-h${i}`, "v"]));
    await recordInboxRequest(opened.db, inbox.token, { method: "POST", headers, body: `é${"a".repeat(300_000)}` }, new Date());
    const [request] = await requestsOf(orgId, inbox.id);
    expect(Buffer.byteLength(request.body)).toBe(256 * 1024);
    expect(Object.keys(request.headers)).toHaveLength(100);
    await recordInboxRequest(opened.db, inbox.token, { method: "POST", headers: { "x-nul": "a\u0000b" }, body: "a\u0000b\ud800" }, new Date());
    const [stored] = await requestsOf(orgId, inbox.id);
    expect([stored.body, stored.headers["x-nul"]]).toEqual(["a\uFFFDb\uFFFD", "a\uFFFDb"]);
  });
});

describe("the public receiver /api/inbox/{token}", () => {
  let inbox: Awaited<ReturnType<typeof createInbox>>;
  beforeAll(async () => {
    inbox = await createInbox(opened.db, orgId, { name: "Public" }, ORIGIN, systemActor);
  });
  const send = (token: string, options: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    callRoute(receiver[(options.method ?? "POST") as "POST"], { method: "POST", url: `/api/inbox/${token}`, params: { token }, ...options });

  it("records a POST, PUT or PATCH with its headers and body and answers 200 { received: true }, never cached", async () => {
    const response = await send(inbox.token, { body: { hello: "world" }, headers: { "x-custom": "yes", authorization: "Bearer mine" } });
    expect(await expectJson(response, 200)).toEqual({ received: true });
    expect(response.headers.get("cache-control")).toBe("no-store");
    for (const method of ["PUT", "PATCH"]) expect((await send(inbox.token, { method, body: method })).status).toBe(200);
    const [patch, put, post] = await requestsOf(orgId, inbox.id);
    expect([post.method, put.method, patch.method]).toEqual(["POST", "PUT", "PATCH"]);
    expect(post).toMatchObject({ body: '{"hello":"world"}', headers: expect.objectContaining({ "x-custom": "yes", authorization: "Bearer mine" }) });
  });

  it("masks credential-named header values for those who may not change endpoints", async () => {
    const [request] = (await listInboxRequests(opened.db, orgId, inbox.id, {}, { limit: 100 }, { reveal: false })).items.filter((r) => r.method === "POST");
    expect(request.headers).toMatchObject({ authorization: "••••", "x-custom": "yes" });
  });

  it("answers GET with 405 and the methods it takes", async () => {
    const response = await callRoute(receiver.GET, { url: `/api/inbox/${inbox.token}`, params: { token: inbox.token } });
    expect(response.headers.get("allow")).toBe("POST, PUT, PATCH");
    expect((await expectProblem(response, 405)).detail).toContain("test inbox");
  });

  it("answers 404 to unknown, malformed and expired tokens", async () => {
    const expired = await createInbox(opened.db, orgId, {}, ORIGIN, systemActor, new Date(Date.now() - 8 * 24 * HOUR));
    for (const token of ["z".repeat(43), "short", "../../etc/passwd", `${inbox.token}x`, expired.token, "\u0000"]) {
      const response = await send(token, { body: "{}" });
      expect((await expectProblem(response, 404)).detail).toBe("Inbox was not found.");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("answers 413 to a body over 256 KiB, declared or streamed, and 400 to bytes that are not UTF-8", async () => {
    expect((await expectProblem(await send(inbox.token, { body: "a".repeat(256 * 1024 + 1) }), 413)).detail).toContain("256 KiB");
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024).fill(97));
      },
    });
    const streamed = await receiver.POST(new Request(`http://localhost/api/inbox/${inbox.token}`, { method: "POST", body: chunks, duplex: "half" } as RequestInit), {
      params: Promise.resolve({ token: inbox.token }),
    });
    await expectProblem(streamed, 413);
    const invalid = await receiver.POST(new Request(`http://localhost/api/inbox/${inbox.token}`, { method: "POST", body: new Uint8Array([0xff, 0xfe, 0x00]) }), {
      params: Promise.resolve({ token: inbox.token }),
    });
    await expectProblem(invalid, 400);
  });

  it("answers 429 with Retry-After over 600 requests a minute", async () => {
    const limited = await createInbox(opened.db, orgId, {}, ORIGIN, systemActor);
    const minute = () => Math.floor(Date.now() / 60_000) * 60_000;
    for (let attempt = 1; ; attempt++) {
      // This minute's window already holds 600 requests.
      const windowStart = new Date(minute());
      const bucket = { key: `inbox:${limited.id}` };
      await opened.db.rateLimitBucket.upsert({ where: bucket, create: { ...bucket, windowStart, count: 600 }, update: { windowStart, count: 600 } });
      const response = await send(limited.token, { body: "{}" });
      // The minute turned between the two lines above: the request opened a new window. Once more.
      if (response.status === 200 && attempt === 1 && minute() !== windowStart.getTime()) continue;
      await expectProblem(response, 429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      break;
    }
    expect(await opened.db.inboxRequest.count({ where: { inboxId: limited.id } })).toBeLessThanOrEqual(1);
  });
});

describe("/api/v1/inboxes", () => {
  let writer: string;
  let reader: string;
  let foreign: string;
  beforeAll(async () => {
    writer = await createKey(opened.db, orgId, ["webhooks:read", "webhooks:write"]);
    reader = await createKey(opened.db, orgId, ["webhooks:read"]);
    foreign = await createKey(opened.db, otherOrgId, ["admin"]);
  });
  const on = (method: "GET" | "DELETE", id: string, key: string) => callRoute(item[method], { method, url: `/api/v1/inboxes/${id}`, key, params: { inboxId: id } });
  const requests = (id: string, key: string, query = "") =>
    callRoute(requestsRoute.GET, { url: `/api/v1/inboxes/${id}/requests${query}`, key, params: { inboxId: id } });

  it("creates, lists, gets and deletes an inbox, audited", async () => {
    const created = await expectJson<InboxResource>(
      await callRoute(collection.POST, { url: "https://cc.example.com/api/v1/inboxes", key: writer, body: { name: "From the API" } }),
      201,
    );
    expect(created).toMatchObject({ name: "From the API", url: expect.stringMatching(/^https:\/\/cc\.example\.com\/api\/inbox\/[A-Za-z0-9_-]{43}$/) });
    expect(new Date(created.expires_at).getTime() - new Date(created.created_at).getTime()).toBe(7 * 24 * HOUR);
    const unnamed = await expectJson<InboxResource>(await callRoute(collection.POST, { url: "/api/v1/inboxes", key: writer, body: {} }), 201);
    expect(unnamed.name).toBe("Test inbox");

    const list = await expectJson<{ data: InboxResource[]; next_cursor: string | null }>(await callRoute(collection.GET, { url: "/api/v1/inboxes?limit=1", key: reader }), 200);
    expect(list.data.map((i) => i.id)).toEqual([unnamed.id]);
    expect(list.next_cursor).toEqual(expect.any(String));
    expect(await expectJson(await on("GET", created.id, reader), 200)).toEqual(created);

    await expectProblem(await callRoute(collection.POST, { url: "/api/v1/inboxes", key: reader, body: {} }), 403);
    await expectProblem(await on("DELETE", created.id, reader), 403);
    expect(await expectJson(await on("DELETE", created.id, writer), 200)).toEqual({ id: created.id, deleted: true });
    await expectProblem(await on("GET", created.id, reader), 404);
    const audit = await opened.db.auditLog.findMany({ where: { targetId: created.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["inbox.created", "inbox.deleted"]);
  });

  it("lists an inbox's requests with signature checks against ?webhook_id=", async () => {
    const created = await expectJson<InboxResource>(await callRoute(collection.POST, { url: `${ORIGIN}/api/v1/inboxes`, key: writer, body: {} }), 201);
    const endpoint = await endpointAt(orgId, created.url);
    await publishAndDeliver(privateRefusedContext(), orgId);
    const body = await expectJson<{ data: InboxRequestResource[]; next_cursor: string | null }>(await requests(created.id, reader, `?webhook_id=${endpoint.id}`), 200);
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ method: "POST", signature_valid: true, received_at: expect.any(String) });
    expect(body.next_cursor).toBeNull();
    const { secret } = await revealSecret(opened.db, orgId, endpoint.id, systemActor);
    expect(JSON.stringify(body)).not.toContain(secret);
    await expectProblem(await requests(created.id, reader, "?webhook_id=ep_01JH6ZG7H8J9K0MNPQRSTVWXYZ"), 404);
  });

  it("answers 404 for another organization's inbox, everywhere", async () => {
    const created = await expectJson<InboxResource>(await callRoute(collection.POST, { url: "/api/v1/inboxes", key: writer, body: {} }), 201);
    await expectProblem(await on("GET", created.id, foreign), 404);
    await expectProblem(await on("DELETE", created.id, foreign), 404);
    await expectProblem(await requests(created.id, foreign), 404);
    const theirs = await expectJson<{ data: InboxResource[] }>(await callRoute(collection.GET, { url: "/api/v1/inboxes", key: foreign }), 200);
    expect(theirs.data.map((i) => i.id)).not.toContain(created.id);
    expect(await opened.db.inbox.findUnique({ where: { id: created.id } })).not.toBeNull();
  });
});
