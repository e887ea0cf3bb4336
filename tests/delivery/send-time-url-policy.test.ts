// The endpoint URL rules at send time: an endpoint stored before a rule applied to it (written
// straight to the database here, past the save-time check) is refused before any connection, on
// every path that attempts a delivery (worker, Inngest step, test event), as a failed attempt
// retried on the schedule; test inboxes keep working unless their host is always refused.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { systemActor } from "@/lib/audit";
import { config } from "@/lib/config";
import { setProcessSingleton } from "@/lib/config/singleton";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { attemptDelivery } from "@/lib/delivery/inngest/attempt-delivery";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender } from "@/lib/delivery/sender";
import { sendTestEvent } from "@/lib/delivery/test-event";
import { deliverDueOnce } from "@/lib/delivery/worker";
import { createEndpoint, createInbox, sealEndpointTarget } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";

// ALLOW_HTTP_ENDPOINTS turned off after endpoints were saved; private destinations stay allowed,
// so the local receiver is reachable and only the rule under test can stop a request.
const previous = vi.hoisted(() => {
  const saved = { http: process.env.ALLOW_HTTP_ENDPOINTS, private: process.env.ALLOW_PRIVATE_ENDPOINTS };
  process.env.ALLOW_HTTP_ENDPOINTS = "0";
  process.env.ALLOW_PRIVATE_ENDPOINTS = "1";
  return saved;
});

const HTTP_REFUSAL =
  "Refused: the endpoint URL uses plain http://, which this server allows only when the operator sets ALLOW_HTTP_ENDPOINTS=1; change the endpoint's URL to https://.";
const CREDENTIALS_REFUSAL =
  "Refused: the endpoint URL contains credentials (user:password@), which are never sent; remove them from the URL and send them in a custom header instead.";

let opened: OpenedDatabase;
let receiver: Receiver;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
  // The process's sender is built from the configuration on first use: build it from this file's.
  setProcessSingleton("delivery-sender", undefined);
});

afterAll(async () => {
  setProcessSingleton("delivery-sender", undefined);
  await receiver?.close();
  await opened?.close();
  for (const [name, value] of [
    ["ALLOW_HTTP_ENDPOINTS", previous.http],
    ["ALLOW_PRIVATE_ENDPOINTS", previous.private],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

beforeEach(() => {
  receiver.requests.length = 0;
});

/** An endpoint (of a new organization, or of `orgId`) whose stored URL is `url`, written past the save-time check. */
async function endpointStoredWith(url: string, orgId?: string) {
  const org = orgId ? { id: orgId } : (await createOrgWithUser(opened.db)).org;
  const endpoint = await createEndpoint(
    opened.db,
    org.id,
    { name: "Stored earlier", url: "https://hooks.example.com/placeholder", events: [], format: "standard", headers: {}, active: true },
    systemActor,
  );
  await opened.db.endpoint.update({ where: { id: endpoint.id }, data: sealEndpointTarget({ url, headers: {} }) });
  return { orgId: org.id, endpointId: endpoint.id };
}

async function publishTo(orgId: string, at = new Date()) {
  const { message } = await publishEvent(opened.db, { orgId, type: "project.updated", data: { project: { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name: "MyPlugin" } } }, at);
  return opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id } });
}

describe("the endpoint URL rules at send time", () => {
  it("reads ALLOW_HTTP_ENDPOINTS=0 in this file", () => {
    expect(config()).toMatchObject({ allowHttpEndpoints: false, allowPrivateEndpoints: true });
  });

  it("refuses an existing http:// endpoint's delivery with ALLOW_HTTP_ENDPOINTS=0: a failed attempt, retried on the schedule, and no request sent", async () => {
    const { orgId, endpointId } = await endpointStoredWith(`${receiver.url}/hook`);
    const now = new Date();
    const delivery = await publishTo(orgId, now);

    expect(await deliverDueOnce(deliveryContext(opened.db, { now: () => now }))).toBe(1);

    const [attempt] = await opened.db.deliveryAttempt.findMany({ where: { deliveryId: delivery.id } });
    expect(attempt).toMatchObject({ endpointId, responseStatus: null, error: HTTP_REFUSAL });
    const after = await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(after).toMatchObject({ status: "pending", attemptCount: 1, lastError: HTTP_REFUSAL });
    expect(after.nextAttemptAt!.getTime()).toBeGreaterThan(now.getTime());
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses it on the Inngest path and for test events too", async () => {
    const { orgId, endpointId } = await endpointStoredWith(`${receiver.url}/hook`);
    const delivery = await publishTo(orgId);

    const step = await attemptDelivery(deliveryContext(opened.db), delivery.id);
    expect(step).toMatchObject({ attempted: true, status: "pending", responseStatus: null });
    expect((await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).lastError).toBe(HTTP_REFUSAL);

    const test = await sendTestEvent(deliveryContext(opened.db), orgId, endpointId, systemActor);
    expect(test).toMatchObject({ status: "failed", response_status: null, error: HTTP_REFUSAL });
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses an endpoint URL with user:password@ even where plain http and private addresses are allowed", async () => {
    const { orgId } = await endpointStoredWith(`http://hook-user:s3cr3t-pw@127.0.0.1:${receiver.port}/hook`);
    const delivery = await publishTo(orgId);
    const open = createSender({ allowHttp: true, allowPrivate: true });

    await deliverDueOnce(deliveryContext(opened.db, { send: open }));

    const [attempt] = await opened.db.deliveryAttempt.findMany({ where: { deliveryId: delivery.id } });
    expect(attempt).toMatchObject({ responseStatus: null, error: CREDENTIALS_REFUSAL });
    // The log keeps the URL masked: the credentials appear nowhere.
    expect(JSON.stringify(attempt)).not.toContain("s3cr3t-pw");
    expect(receiver.requests).toHaveLength(0);
    // The same sender delivers to the same receiver once the URL carries no credentials.
    expect((await open({ url: `${receiver.url}/hook`, headers: {}, body: "{}" })).status).toBe(200);
  });

  it("refuses literal link-local, private-when-not-allowed and local-name URLs before connecting, naming the rule", async () => {
    const strict = createSender({ allowHttp: false, allowPrivate: false });
    const cases: [string, string][] = [
      ["https://169.254.169.254/latest/meta-data/", "Refused: the endpoint resolves to 169.254.169.254, in 169.254.0.0/16"],
      ["https://10.1.2.3/hook", "Refused: the endpoint resolves to 10.1.2.3, a private, loopback or link-local address in 10.0.0.0/8"],
      ["https://db.internal/hook", "Refused: the endpoint's host db.internal is a local name"],
      ["ftp://hooks.example.com/hook", "Refused: the endpoint URL uses ftp:"],
      ["not a url", "Refused: the endpoint URL is not a valid URL."],
    ];
    for (const [url, error] of cases) {
      const result = await strict({ url, headers: {}, body: "{}" });
      expect(result, url).toMatchObject({ status: null, error: expect.stringContaining(error) });
    }
  });

  it("still records deliveries to a live test inbox in process under the same settings", async () => {
    const { org } = await createOrgWithUser(opened.db);
    // Nothing listens on port 9: a request that went to the network would fail.
    const inbox = await createInbox(opened.db, org.id, {}, "http://127.0.0.1:9", systemActor);
    const { endpointId } = await endpointStoredWith(inbox.url, org.id);
    const delivery = await publishTo(org.id);
    await deliverDueOnce(deliveryContext(opened.db));

    expect(await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ endpointId, status: "succeeded", lastResponseStatus: 200 });
    expect(await opened.db.inboxRequest.count({ where: { inboxId: inbox.id } })).toBe(1);
  });

  it("refuses a live test inbox on a link-local host: recorded nowhere", async () => {
    const { org } = await createOrgWithUser(opened.db);
    // Made before inbox URLs on such hosts were refused (createInbox now answers 400).
    const made = await createInbox(opened.db, org.id, {}, "http://127.0.0.1:3000", systemActor);
    const inbox = await opened.db.inbox.update({ where: { id: made.id }, data: { url: made.url.replace("127.0.0.1:3000", "169.254.169.254") } });
    await endpointStoredWith(inbox.url, org.id);
    const delivery = await publishTo(org.id);
    await deliverDueOnce(deliveryContext(opened.db));

    const after = await opened.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(after.lastError).toMatch(/^Refused: the endpoint resolves to 169\.254\.169\.254, in 169\.254\.0\.0\/16 .*no setting allows it\.$/);
    expect(await opened.db.inboxRequest.count({ where: { inboxId: inbox.id } })).toBe(0);
  });
});
