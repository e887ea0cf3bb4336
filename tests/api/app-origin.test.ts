// The app's public origin (lib/organizations/origin.ts) as the API hands it out, in inbox URLs and
// invitation links, with TRUSTED_PROXIES=0 (the default): X-Forwarded-Host and -Proto are anyone's
// to send, so they are ignored and the request's own Host is used; APP_URL wins over both. And an
// inbox URL on a link-local host cannot become an endpoint (the test-inbox exception never covers it).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as inboxes from "@/app/api/v1/inboxes/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { systemActor } from "@/lib/audit";
import { config } from "@/lib/config";
import type { OpenedDatabase } from "@/lib/db";
import { createEndpoint } from "@/lib/webhooks";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectProblem } from "../helpers/http";
import { inboxUrl, invitationUrl, TOKEN } from "./origin-fixtures";

const FORGED = { host: "cc.example.test:3000", "x-forwarded-host": "169.254.169.254", "x-forwarded-proto": "https" };

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(async () => {
  await opened?.close();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A new organization and an admin key of it (a fresh organization per test: inbox creations are limited per organization). */
async function adminKey() {
  const { org } = await createOrgWithUser(opened.db, "owner");
  return { orgId: org.id, key: await createKey(opened.db, org.id, ["admin"]) };
}



describe("the app's origin with TRUSTED_PROXIES=0", () => {
  it("runs with no trusted proxy", () => {
    expect(config().trustedProxies).toBe(0);
  });

  it("makes an inbox URL on the request's own host, whatever X-Forwarded-Host says", async () => {
    const { key } = await adminKey();
    expect(await inboxUrl(key, FORGED)).toMatch(new RegExp(`^http://cc\\.example\\.test:3000/api/inbox/${TOKEN}$`));
  });

  it("makes an invitation link on the request's own host, whatever X-Forwarded-Host says", async () => {
    const { key } = await adminKey();
    expect(await invitationUrl(key, FORGED)).toMatch(new RegExp(`^http://cc\\.example\\.test:3000/invite/${TOKEN}$`));
  });

  it("uses APP_URL over the Host header and any forwarded header", async () => {
    vi.stubEnv("APP_URL", "https://app.example.test/ignored/path");
    const { key } = await adminKey();
    expect(await inboxUrl(key, FORGED)).toMatch(new RegExp(`^https://app\\.example\\.test/api/inbox/${TOKEN}$`));
    expect(await invitationUrl(key, FORGED)).toMatch(new RegExp(`^https://app\\.example\\.test/invite/${TOKEN}$`));
  });
});

describe("an inbox URL on an always-refused host", () => {
  it("is never handed out, whatever Host the request names (400)", async () => {
    const { key } = await adminKey();
    // With no trusted proxy the request's own Host names the origin, and a client can send any.
    const refused = await expectProblem(await callRoute(inboxes.POST, { url: "/api/v1/inboxes", key, headers: { host: "169.254.169.254" }, body: {} }), 400);
    expect(refused.detail).toMatch(/^This server cannot hand out inbox URLs on 169\.254\.169\.254: .*Set APP_URL/);
  });

  it("stored before, cannot be saved as an endpoint's URL: the address is refused before the test-inbox exception", async () => {
    const { orgId, key } = await adminKey();
    const ordinary = await inboxUrl(key, { host: "127.0.0.1:3000" });
    const url = ordinary.replace("127.0.0.1:3000", "169.254.169.254");
    await opened.db.inbox.updateMany({ where: { url: ordinary }, data: { url } });

    const refused = await expectProblem(await callRoute(webhooks.POST, { url: "/api/v1/webhooks", key, body: { name: "Metadata", url } }), 422);
    expect(refused.errors).toEqual([
      expect.objectContaining({ field: "url", code: "invalid_url", message: expect.stringMatching(/^169\.254\.169\.254 is in 169\.254\.0\.0\/16 \(.*no setting allows it\.$/) }),
    ]);

    // Where plain http and private addresses are refused, the exception still admits an ordinary
    // inbox URL, but never this one.
    const strict = { allowHttp: false, allowPrivate: false };
    const input = { name: "Inbox", events: [], format: "standard" as const, headers: {}, active: true };
    await expect(createEndpoint(opened.db, orgId, { ...input, url }, systemActor, strict)).rejects.toMatchObject({
      errors: [expect.objectContaining({ field: "url", message: expect.stringContaining("no setting allows it") })],
    });
    const other = await inboxUrl(key, { host: "127.0.0.1:3000" });
    await expect(createEndpoint(opened.db, orgId, { ...input, url: other }, systemActor, strict)).resolves.toMatchObject({ organizationId: orgId });
  });
});
