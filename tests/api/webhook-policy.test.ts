// An endpoint's delivery policy and compatibility signature through /api/v1/webhooks
// (docs/delivery.md#delivery-policy, #compatibility-signatures): what a new endpoint shows, what
// create and PATCH store, and the field errors of every limit, each on the field's own path.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as item from "@/app/api/v1/webhooks/[webhookId]/route";
import * as collection from "@/app/api/v1/webhooks/route";
import type { OpenedDatabase } from "@/lib/db";
import type { WebhookResource } from "@/lib/webhooks/schemas";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

let opened: OpenedDatabase;
let writer: string;
let reader: string;
let otherOrgKey: string;
const URL_ = "https://hooks.example.com/in";

beforeAll(async () => {
  opened = await createTestDatabase();
  const a = await createOrgWithUser(opened.db, "owner");
  writer = await createKey(opened.db, a.org.id, ["webhooks:read", "webhooks:write"]);
  reader = await createKey(opened.db, a.org.id, ["webhooks:read"]);
  const b = await createOrgWithUser(opened.db, "owner");
  otherOrgKey = await createKey(opened.db, b.org.id, ["admin"]);
});
afterAll(async () => {
  await opened?.close();
});

const create = (body: Record<string, unknown>) => callRoute(collection.POST, { url: "/api/v1/webhooks", key: writer, body: { name: "Policy", url: URL_, ...body } });
const patch = (id: string, body: unknown, key = writer) => callRoute(item.PATCH, { method: "PATCH", url: `/api/v1/webhooks/${id}`, key, body, params: { webhookId: id } });
const get = (id: string, key = writer) => callRoute(item.GET, { url: `/api/v1/webhooks/${id}`, key, params: { webhookId: id } });

/** The field errors of a refused create: field → message. */
async function createErrors(body: Record<string, unknown>) {
  const problem = await expectProblem(await create(body), 422);
  return Object.fromEntries(problem.errors!.map((e) => [e.field, e.message]));
}

async function newEndpoint(body: Record<string, unknown> = {}) {
  return expectJson<WebhookResource>(await create(body), 201);
}

describe("delivery policy and compatibility signature of an endpoint", () => {
  it("a new endpoint shows the defaults: null policy fields, unordered, the timestamped signature in X-Webhook-Signature", async () => {
    const created = await newEndpoint();
    const expected = {
      policy: { retry_schedule_seconds: null, timeout_ms: null, ordered: false, max_rate_per_second: null },
      compat_signature: { scheme: "timestamped", header: "X-Webhook-Signature" },
    };
    expect(created).toMatchObject(expected);
    expect(await expectJson<WebhookResource>(await get(created.id, reader), 200)).toMatchObject(expected);
  });

  it("creates an endpoint with a policy and a compatibility signature, and reads them back", async () => {
    const created = await newEndpoint({
      policy: { retry_schedule_seconds: [10, 60, 3600], timeout_ms: 5000, ordered: true, max_rate_per_second: 20 },
      compat_signature: { scheme: "body-sha256", header: "X-Hub-Signature-256" },
    });
    const expected = {
      policy: { retry_schedule_seconds: [10, 60, 3600], timeout_ms: 5000, ordered: true, max_rate_per_second: 20 },
      compat_signature: { scheme: "body-sha256", header: "X-Hub-Signature-256" },
    };
    expect(created).toMatchObject(expected);
    expect(await expectJson<WebhookResource>(await get(created.id), 200)).toMatchObject(expected);
    const row = await opened.db.endpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ retrySchedule: [10, 60, 3600], timeoutMs: 5000, ordered: true, maxRatePerSec: 20, compatScheme: "body_sha256", compatHeader: "X-Hub-Signature-256" });
  });

  it("accepts the limits themselves: 20 steps adding up to exactly 7 days, 1 s and 30 s timeouts, 1 and 1000 per second", async () => {
    const twentySteps = [...Array.from({ length: 19 }, () => 30_000), 604_800 - 19 * 30_000];
    const a = await newEndpoint({ policy: { retry_schedule_seconds: twentySteps, timeout_ms: 1000, max_rate_per_second: 1 } });
    expect(a.policy).toMatchObject({ retry_schedule_seconds: twentySteps, timeout_ms: 1000, max_rate_per_second: 1 });
    const b = await newEndpoint({ policy: { retry_schedule_seconds: [1], timeout_ms: 30_000, max_rate_per_second: 1000 } });
    expect(b.policy).toMatchObject({ retry_schedule_seconds: [1], timeout_ms: 30_000, max_rate_per_second: 1000 });
  });

  it("PATCHing part of the policy keeps its other fields, and null brings a field back to the default", async () => {
    const created = await newEndpoint({ policy: { retry_schedule_seconds: [30, 300], timeout_ms: 8000, ordered: true, max_rate_per_second: 5 } });
    const timeoutOnly = await expectJson<WebhookResource>(await patch(created.id, { policy: { timeout_ms: 20_000 } }), 200);
    expect(timeoutOnly.policy).toEqual({ retry_schedule_seconds: [30, 300], timeout_ms: 20_000, ordered: true, max_rate_per_second: 5 });
    expect(timeoutOnly.compat_signature).toEqual({ scheme: "timestamped", header: "X-Webhook-Signature" });

    const reset = await expectJson<WebhookResource>(await patch(created.id, { policy: { retry_schedule_seconds: null, max_rate_per_second: null } }), 200);
    expect(reset.policy).toEqual({ retry_schedule_seconds: null, timeout_ms: 20_000, ordered: true, max_rate_per_second: null });

    const renamed = await expectJson<WebhookResource>(await patch(created.id, { name: "Renamed" }), 200);
    expect(renamed.policy).toEqual(reset.policy);
  });

  it("PATCHes the compatibility signature: another scheme and header, back to the default header, and none", async () => {
    const created = await newEndpoint();
    const hex = await expectJson<WebhookResource>(await patch(created.id, { compat_signature: { scheme: "body-hex", header: "X-Signature" } }), 200);
    expect(hex.compat_signature).toEqual({ scheme: "body-hex", header: "X-Signature" });
    const policyOnly = await expectJson<WebhookResource>(await patch(created.id, { policy: { ordered: true } }), 200);
    expect(policyOnly.compat_signature).toEqual({ scheme: "body-hex", header: "X-Signature" });
    const defaultHeader = await expectJson<WebhookResource>(await patch(created.id, { compat_signature: { scheme: "timestamped", header: null } }), 200);
    expect(defaultHeader.compat_signature).toEqual({ scheme: "timestamped", header: "X-Webhook-Signature" });
    const none = await expectJson<WebhookResource>(await patch(created.id, { compat_signature: null }), 200);
    expect(none.compat_signature).toBeNull();
    expect((await expectJson<WebhookResource>(await get(created.id), 200)).compat_signature).toBeNull();
  });

  it("refuses a retry schedule over the limits, naming the field (and the step)", async () => {
    const tooMany = await createErrors({ policy: { retry_schedule_seconds: Array.from({ length: 21 }, () => 60) } });
    expect(tooMany).toEqual({ "policy.retry_schedule_seconds": "At most 20 retries." });

    const tooLong = await createErrors({ policy: { retry_schedule_seconds: [86_400 * 4, 86_400 * 3 + 1] } });
    expect(tooLong).toEqual({ "policy.retry_schedule_seconds": expect.stringContaining("more than 7 days") });

    const zero = await createErrors({ policy: { retry_schedule_seconds: [5, 0, 60] } });
    expect(zero).toEqual({ "policy.retry_schedule_seconds.1": "Each delay is at least 1 second." });

    const fractional = await createErrors({ policy: { retry_schedule_seconds: [5, 60, 1.5] } });
    expect(fractional).toEqual({ "policy.retry_schedule_seconds.2": "Delays are whole seconds." });

    const empty = await createErrors({ policy: { retry_schedule_seconds: [] } });
    expect(Object.keys(empty)).toEqual(["policy.retry_schedule_seconds"]);
  });

  it("refuses a timeout outside 1–30 s and a rate outside 1–1000 per second", async () => {
    expect(await createErrors({ policy: { timeout_ms: 500 } })).toEqual({ "policy.timeout_ms": "The timeout is at least 1 second (1000 ms)." });
    expect(await createErrors({ policy: { timeout_ms: 31_000 } })).toEqual({ "policy.timeout_ms": "The timeout is at most 30 seconds (30000 ms)." });
    expect(await createErrors({ policy: { max_rate_per_second: 0 } })).toEqual({ "policy.max_rate_per_second": "At least 1 delivery per second." });
    expect(await createErrors({ policy: { max_rate_per_second: 1001 } })).toEqual({ "policy.max_rate_per_second": "At most 1000 deliveries per second." });
  });

  it("refuses a signature header the platform sets itself, and an unknown scheme", async () => {
    for (const header of ["webhook-signature", "Webhook-Timestamp", "content-type", "Host"]) {
      const errors = await createErrors({ compat_signature: { scheme: "body-sha256", header } });
      expect(errors, header).toEqual({ "compat_signature.header": "This header is set by Control Center for every request; choose another name." });
    }
    expect(Object.keys(await createErrors({ compat_signature: { scheme: "x-hub", header: "X-Sig" } }))).toEqual(["compat_signature.scheme"]);
    expect(Object.keys(await createErrors({ compat_signature: { scheme: "body-hex", header: "Bad Header" } }))).toEqual(["compat_signature.header"]);
  });

  it("refuses a signature header one of the endpoint's custom headers already sends, on create and on PATCH", async () => {
    const clash = await createErrors({ headers: { "X-Hub-Signature-256": "static" }, compat_signature: { scheme: "body-sha256", header: "x-hub-signature-256" } });
    expect(clash).toEqual({ "compat_signature.header": expect.stringContaining("already sent by this endpoint") });

    const created = await newEndpoint({ headers: { "X-Signature": "static" } });
    const problem = await expectProblem(await patch(created.id, { compat_signature: { scheme: "body-hex", header: "X-Signature" } }), 422);
    expect(problem.errors).toEqual([expect.objectContaining({ field: "compat_signature.header" })]);
    // Dropping the custom header in the same PATCH frees the name.
    const moved = await expectJson<WebhookResource>(await patch(created.id, { headers: {}, compat_signature: { scheme: "body-hex", header: "X-Signature" } }), 200);
    expect(moved).toMatchObject({ headers: {}, compat_signature: { scheme: "body-hex", header: "X-Signature" } });
  });

  it("refuses custom headers that would repeat the compatibility signature's headers, when only the headers change", async () => {
    const created = await newEndpoint({ compat_signature: { scheme: "body-hex", header: "X-Signature" } });
    const problem = await expectProblem(await patch(created.id, { headers: { "x-signature": "static" } }), 422);
    expect(problem.errors).toEqual([expect.objectContaining({ field: "headers.x-signature", message: expect.stringContaining("compatibility signature") })]);
    // Without a compatibility signature the name is free.
    expect((await create({ headers: { "X-Signature": "static" }, compat_signature: null })).status).toBe(201);
  });

  it("refuses a timestamped signature in the header that carries its timestamp or event", async () => {
    const errors = await createErrors({ compat_signature: { scheme: "timestamped", header: "X-Webhook-Timestamp" } });
    expect(errors).toEqual({ "compat_signature.header": expect.stringContaining("already sent by this endpoint") });
  });

  it("only a caller with webhooks:write changes the policy, and only in its own organization (404)", async () => {
    const created = await newEndpoint();
    await expectProblem(await patch(created.id, { policy: { ordered: true } }, reader), 403);
    await expectProblem(await patch(created.id, { policy: { ordered: true } }, otherOrgKey), 404);
    await expectProblem(await get(created.id, otherOrgKey), 404);
    expect((await expectJson<WebhookResource>(await get(created.id), 200)).policy.ordered).toBe(false);
  });
});
