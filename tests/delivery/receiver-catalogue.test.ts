// A catalogue of badly behaved receivers (docs/delivery.md#attempts, #retries), each a real
// local HTTP server: what the delivery log records for each, read back from the attempt rows.
// Deliveries are driven by `deliverDueOnce` with an injected clock that never moves, so no
// delivery of an earlier case falls due again in a later one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { MAX_RECORDED_BODY } from "@/lib/delivery/core";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender, MAX_RESPONSE_BYTES } from "@/lib/delivery/sender";
import { deliverDueOnce } from "@/lib/delivery/worker";
import { createEndpoint } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";
import { streamBody, type StreamedBody } from "../helpers/stream-body";

const policy = { allowHttp: true, allowPrivate: true };
const start = new Date("2026-03-01T12:00:00.000Z");
const seconds = (n: number) => new Date(start.getTime() + n * 1000);

let opened: OpenedDatabase;
let receiver: Receiver;
/** A second receiver, standing for a private address a redirect points at. */
let internal: Receiver;
let ctx: DeliveryContext;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
  internal = await startReceiver();
  // The clock stands still: every case publishes and attempts at `start`.
  ctx = deliveryContext(opened.db, { now: () => start, send: createSender({ allowPrivate: true }) });
});
afterAll(async () => {
  await receiver?.close();
  await internal?.close();
  await opened?.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
  internal.requests.length = 0;
});

/** A new organization whose one endpoint is `receiver` at `path`, and an event published to it. */
async function publishTo(path: string, endpointColumns: { timeoutMs?: number } = {}) {
  const { org } = await createOrgWithUser(opened.db);
  const endpoint = await createEndpoint(
    opened.db,
    org.id,
    { name: path, url: `${receiver.url}${path}`, events: [], format: "standard", headers: {}, active: true },
    systemActor,
    policy,
  );
  // The core honours these columns; no API sets them yet (docs/delivery.md#retries).
  if (Object.keys(endpointColumns).length) await opened.db.endpoint.update({ where: { id: endpoint.id }, data: endpointColumns });
  const { message } = await publishEvent(
    opened.db,
    { orgId: org.id, type: "project.updated", data: { project: { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name: path } } },
    start,
  );
  return { org, endpoint, message };
}

/** Attempts what is due, then reads the delivery of `messageId` with its attempt rows. */
async function attemptAndRead(messageId: string) {
  await deliverDueOnce(ctx);
  return opened.db.delivery.findFirstOrThrow({ where: { messageId }, include: { attempts: { orderBy: { number: "asc" } } } });
}

/** Stored text round-trips through UTF-8 unchanged (no lone surrogates) and holds no NUL. */
function isValidStoredText(text: string) {
  return Buffer.from(text, "utf8").toString("utf8") === text && !text.includes("\u0000");
}

describe("receiver catalogue: what the delivery log records", () => {
  it("a receiver slower than the endpoint's timeout: no status, a timeout error, retried on schedule", async () => {
    const timers: NodeJS.Timeout[] = [];
    receiver.respondWith((_req, res) => {
      timers.push(
        setTimeout(() => {
          if (!res.destroyed) res.end("too late");
        }, 2_000),
      );
    });
    const { message } = await publishTo("/slow", { timeoutMs: 300 });
    try {
      const delivery = await attemptAndRead(message.id);
      expect(delivery).toMatchObject({
        status: "pending",
        attemptCount: 1,
        lastResponseStatus: null,
        lastError: "Timed out after 0.3 s without a complete response.",
        nextAttemptAt: seconds(5),
        leaseUntil: null,
      });
      expect(delivery.attempts).toHaveLength(1);
      expect(delivery.attempts[0]).toMatchObject({
        number: 1,
        trigger: "auto",
        responseStatus: null,
        responseBody: null,
        error: "Timed out after 0.3 s without a complete response.",
      });
      expect(delivery.attempts[0].responseHeaders).toBeNull();
      expect(receiver.requests).toHaveLength(1);
    } finally {
      timers.forEach(clearTimeout);
    }
  });

  it("headers at once but a body that drips past the timeout: the timeout covers the body too", async () => {
    const timers: NodeJS.Timeout[] = [];
    receiver.respondWith((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first byte");
      timers.push(setTimeout(() => res.destroyed || res.end(" and the rest"), 2_000));
    });
    const { message } = await publishTo("/drip", { timeoutMs: 300 });
    try {
      const delivery = await attemptAndRead(message.id);
      // A 200 whose body never completed is not a success.
      expect(delivery).toMatchObject({ status: "pending", lastResponseStatus: null, nextAttemptAt: seconds(5) });
      expect(delivery.attempts[0]).toMatchObject({ responseStatus: null, error: "Timed out after 0.3 s without a complete response." });
    } finally {
      timers.forEach(clearTimeout);
    }
  });

  it("a connection reset in the middle of the body: a failed attempt with no status, retried", async () => {
    receiver.respondWith((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      // Half the promised body, then the socket goes away (RST once the write has left).
      res.write('{"received": tr', () => res.socket?.destroy());
    });
    const { message } = await publishTo("/reset");
    const delivery = await attemptAndRead(message.id);
    expect(delivery).toMatchObject({ status: "pending", attemptCount: 1, lastResponseStatus: null, nextAttemptAt: seconds(5) });
    const [attempt] = delivery.attempts;
    expect(attempt).toMatchObject({ responseStatus: null, responseBody: null });
    expect(attempt.error).toMatch(/\((ECONNRESET|UND_ERR_SOCKET)\)$/);
    expect(delivery.lastError).toBe(attempt.error);
  });

  it("a 3xx towards a private address: not followed, recorded as a failure with the 3xx and its Location", async () => {
    const target = `${internal.url}/latest/meta-data/iam/security-credentials/`;
    receiver.respondWith((_req, res) => {
      res.writeHead(302, { location: target });
      res.end();
    });
    const { message } = await publishTo("/redirect");
    const delivery = await attemptAndRead(message.id);
    expect(delivery).toMatchObject({ status: "pending", lastResponseStatus: 302, lastError: "HTTP 302", nextAttemptAt: seconds(5) });
    expect(delivery.attempts[0]).toMatchObject({ responseStatus: 302, error: "HTTP 302" });
    expect(delivery.attempts[0].responseHeaders).toMatchObject({ location: target });
    expect(receiver.requests).toHaveLength(1);
    // The private target never heard of it.
    expect(internal.requests).toHaveLength(0);
  });

  it("a 10 MB answer: recorded cut to 64 KiB, and the rest is never read", async () => {
    const total = 10 * 1024 * 1024;
    let streamed: StreamedBody | undefined;
    receiver.respondWith((_req, res) => {
      streamed = streamBody(res, total, "text/plain");
    });
    const { message } = await publishTo("/huge");
    const delivery = await attemptAndRead(message.id);
    expect(delivery).toMatchObject({ status: "succeeded", lastResponseStatus: 200 });
    const [attempt] = delivery.attempts;
    expect(attempt.responseStatus).toBe(200);
    expect(attempt.responseBody).toHaveLength(MAX_RECORDED_BODY);
    expect(attempt.responseBody).toBe("a".repeat(MAX_RESPONSE_BYTES));
    // The sender hung up: the receiver's socket closed before it could write the whole body.
    await expect.poll(() => streamed?.closed, { timeout: 10_000 }).toBe(true);
    expect(streamed!.finished).toBe(false);
    expect(streamed!.written).toBeLessThan(total);
  });

  it("invalid UTF-8 (and NUL) in the answer: recorded without crashing, as valid text", async () => {
    const bytes = Buffer.concat([
      Buffer.from("error: "),
      Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x92]),
      Buffer.from(" end"),
    ]);
    receiver.respondWith((_req, res) => {
      // Header values travel as Latin-1 bytes: 0xE9 and 0xFF are not UTF-8 either.
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8", "x-note": "caf\u00e9 \u00ff" });
      res.end(bytes);
    });
    const { message } = await publishTo("/mojibake");
    const delivery = await attemptAndRead(message.id);
    expect(delivery).toMatchObject({ status: "pending", lastResponseStatus: 500, nextAttemptAt: seconds(5) });
    const [attempt] = delivery.attempts;
    expect(attempt.responseStatus).toBe(500);
    const body = attempt.responseBody!;
    expect(body.startsWith("error: ")).toBe(true);
    expect(body.endsWith(" end")).toBe(true);
    expect(body).toContain("\uFFFD");
    expect(isValidStoredText(body)).toBe(true);
    expect(isValidStoredText(attempt.error!)).toBe(true);
    expect(attempt.error!.startsWith("HTTP 500: error: ")).toBe(true);
    expect(isValidStoredText(delivery.lastError!)).toBe(true);
    const note = (attempt.responseHeaders as Record<string, string>)["x-note"];
    expect(typeof note).toBe("string");
    expect(isValidStoredText(note)).toBe(true);
  });

  it("410 Gone: the delivery fails for good, the platform disables the endpoint and publishes endpoint.disabled", async () => {
    receiver.respondWith((_req, res) => {
      res.writeHead(410);
      res.end("gone");
    });
    const { org, endpoint, message } = await publishTo("/gone");
    const delivery = await attemptAndRead(message.id);
    expect(delivery).toMatchObject({
      status: "failed",
      nextAttemptAt: null,
      lastResponseStatus: 410,
      lastError: "410 Gone: the endpoint asked to be disabled.",
    });
    expect(delivery.attempts[0]).toMatchObject({ responseStatus: 410, responseBody: "gone", error: "410 Gone: the endpoint asked to be disabled." });
    expect(await opened.db.endpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      active: false,
      disabledBy: "system",
      disabledReason: "The endpoint answered 410 Gone.",
    });
    const disabled = await opened.db.message.findMany({ where: { organizationId: org.id, type: "endpoint.disabled" } });
    expect(disabled).toHaveLength(1);
    expect(disabled[0].payload).toMatchObject({ endpoint: { id: endpoint.id, disabled_reason: "The endpoint answered 410 Gone." } });
    // The disabled endpoint is not sent its own notice.
    expect(await opened.db.delivery.count({ where: { messageId: disabled[0].id } })).toBe(0);
  });

  it("429 with Retry-After: 120 waits 120 s instead of the 5 s step; 3600 is capped at the next step (5 min)", async () => {
    receiver.respondWith((req, res) => {
      res.writeHead(429, { "retry-after": req.path === "/busy-long" ? "3600" : "120" });
      res.end("slow down");
    });
    const busy = await publishTo("/busy");
    const long = await publishTo("/busy-long");
    await deliverDueOnce(ctx);
    const read = (messageId: string) =>
      opened.db.delivery.findFirstOrThrow({ where: { messageId }, include: { attempts: true } });

    const first = await read(busy.message.id);
    expect(first).toMatchObject({ status: "pending", attemptCount: 1, lastResponseStatus: 429, nextAttemptAt: seconds(120) });
    expect(first.attempts[0]).toMatchObject({ responseStatus: 429, error: "HTTP 429: slow down" });
    expect(first.attempts[0].responseHeaders).toMatchObject({ "retry-after": "120" });

    const capped = await read(long.message.id);
    expect(capped).toMatchObject({ status: "pending", lastResponseStatus: 429, nextAttemptAt: seconds(300) });
  });
});
