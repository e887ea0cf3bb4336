// One redaction rule for header values (docs/delivery.md#test-inbox, lib/webhooks/masking.ts
// redactHeaderValues): an endpoint's custom headers and credential-named headers are
// `[redacted]` in the delivery log and masked in a test inbox's requests for anyone without
// `webhooks:write`, in the API and on the dashboard alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as receiver from "@/app/api/inbox/[token]/route";
import * as deliveryRoute from "@/app/api/v1/deliveries/[deliveryId]/route";
import * as requestsRoute from "@/app/api/v1/inboxes/[inboxId]/requests/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { withInboxDelivery } from "@/lib/delivery/inbox-sender";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender } from "@/lib/delivery/sender";
import { deliverDueOnce } from "@/lib/delivery/worker";
import { createEndpoint, createInbox, listInboxRequests, MASKED_HEADER_VALUE, revealsEndpointSecrets, type InboxRequestResource } from "@/lib/webhooks";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson } from "../helpers/http";

const ORIGIN = "http://127.0.0.1:9";
const CUSTOM_HEADERS = { "X-Auth": "s3cret", "X-Signing-Key": "k3y" };
// "k3y" is short enough to turn up inside a base64 signature by chance: only a standalone one counts.
const LEAKED = [/s3cret/, /(?<![A-Za-z0-9+/])k3y(?![A-Za-z0-9+/=])/];

let opened: OpenedDatabase;
let orgId: string;
let inbox: Awaited<ReturnType<typeof createInbox>>;
let endpointId: string;
let deliveryId: string;
let reader: string;
let writer: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createOrgWithUser(opened.db, "owner")).org.id;
  inbox = await createInbox(opened.db, orgId, { name: "Redaction" }, ORIGIN, systemActor);
  const endpoint = await createEndpoint(
    opened.db,
    orgId,
    { name: "Into the inbox", url: inbox.url, events: [], format: "standard", headers: CUSTOM_HEADERS, active: true },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
  endpointId = endpoint.id;
  // Delivered in process, as where private destinations are refused: nothing goes to the network.
  const now = () => new Date();
  const ctx = deliveryContext(opened.db, { now, send: withInboxDelivery(createSender({ allowPrivate: false }), opened.db, now) });
  const { message } = await publishEvent(opened.db, { orgId, type: "project.updated", data: { project: { id: "proj_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name: "MyPlugin" } } }, now());
  await deliverDueOnce(ctx);
  deliveryId = (await opened.db.delivery.findFirstOrThrow({ where: { messageId: message.id, endpointId } })).id;
  reader = await createKey(opened.db, orgId, ["webhooks:read"]);
  writer = await createKey(opened.db, orgId, ["webhooks:read", "webhooks:write"]);
});

afterAll(async () => {
  await opened?.close();
});

async function listRequests(key: string, query = "") {
  const response = await callRoute(requestsRoute.GET, { url: `/api/v1/inboxes/${inbox.id}/requests${query}`, key, params: { inboxId: inbox.id } });
  const text = await response.clone().text();
  const body = await expectJson<{ data: InboxRequestResource[] }>(response, 200);
  return { text, requests: body.data };
}

const delivered = (requests: InboxRequestResource[]) => requests.find((r) => r.headers["webhook-id"] !== undefined)!;

describe("a test inbox's requests", () => {
  it("hide the endpoint's custom header values from a webhooks:read key, anywhere in the answer", async () => {
    for (const query of ["", `?webhook_id=${endpointId}`]) {
      const { text, requests } = await listRequests(reader, query);
      // The in-process sender records lower-case names; the endpoint has them capitalised.
      expect(delivered(requests).headers).toMatchObject({ "x-auth": MASKED_HEADER_VALUE, "x-signing-key": MASKED_HEADER_VALUE });
      for (const leaked of LEAKED) expect(text).not.toMatch(leaked);
    }
  });

  it("show them to a webhooks:write key", async () => {
    const { requests } = await listRequests(writer);
    expect(delivered(requests).headers).toMatchObject({ "x-auth": "s3cret", "x-signing-key": "k3y" });
  });

  it("hide a configured name and a credential-named header sent straight to the receiver, and show the others", async () => {
    const response = await callRoute(receiver.POST, {
      url: `/api/inbox/${inbox.token}`,
      params: { token: inbox.token },
      body: "{}",
      headers: { "X-AUTH": "direct-s3cret", authorization: "Bearer direct-token", "x-custom": "visible" },
    });
    expect(response.status).toBe(200);
    const { text, requests } = await listRequests(reader);
    const direct = requests.find((r) => r.headers["x-custom"] !== undefined)!;
    expect(direct.headers).toMatchObject({ "x-auth": MASKED_HEADER_VALUE, authorization: MASKED_HEADER_VALUE, "x-custom": "visible" });
    expect(text).not.toContain("direct-");
  });

  it("on the dashboard, hide them from a viewer and show them to a developer (by role)", async () => {
    const asRole = async (role: "viewer" | "developer") =>
      delivered((await listInboxRequests(opened.db, orgId, inbox.id, {}, { limit: 25 }, { reveal: revealsEndpointSecrets({ kind: "role", role }) })).items).headers;
    expect(await asRole("viewer")).toMatchObject({ "x-auth": MASKED_HEADER_VALUE, "x-signing-key": MASKED_HEADER_VALUE });
    expect(await asRole("developer")).toMatchObject({ "x-auth": "s3cret", "x-signing-key": "k3y" });
  });
});

describe("the delivery log", () => {
  it("still records [redacted] for the endpoint's custom header values, for every caller", async () => {
    const attempt = await opened.db.deliveryAttempt.findFirstOrThrow({ where: { deliveryId } });
    expect(attempt.requestHeaders).toMatchObject({ "X-Auth": "[redacted]", "X-Signing-Key": "[redacted]" });
    for (const key of [reader, writer]) {
      const response = await callRoute(deliveryRoute.GET, { url: `/api/v1/deliveries/${deliveryId}`, key, params: { deliveryId } });
      const text = await response.clone().text();
      expect(response.status).toBe(200);
      for (const leaked of LEAKED) expect(text).not.toMatch(leaked);
    }
  });
});
