// The app's public origin behind one trusted proxy (TRUSTED_PROXIES=1): the forwarded host and
// scheme are used, read like X-Forwarded-For (the entry the proxy wrote, not what the client
// prepended); APP_URL still wins.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { config } from "@/lib/config";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { inboxUrl, invitationUrl, TOKEN } from "./origin-fixtures";

const previousProxies = vi.hoisted(() => {
  const value = process.env.TRUSTED_PROXIES;
  process.env.TRUSTED_PROXIES = "1";
  return value;
});

const PROXIED = { host: "10.0.0.5:3000", "x-forwarded-host": "cc.example.test", "x-forwarded-proto": "https" };

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});
afterAll(async () => {
  await opened?.close();
  if (previousProxies === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = previousProxies;
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function adminKey() {
  const { org } = await createOrgWithUser(opened.db, "owner");
  return createKey(opened.db, org.id, ["admin"]);
}



describe("the app's origin with TRUSTED_PROXIES=1", () => {
  it("runs with one trusted proxy", () => {
    expect(config().trustedProxies).toBe(1);
  });

  it("makes inbox URLs and invitation links on the forwarded host and scheme", async () => {
    const key = await adminKey();
    expect(await inboxUrl(key, PROXIED)).toMatch(new RegExp(`^https://cc\\.example\\.test/api/inbox/${TOKEN}$`));
    expect(await invitationUrl(key, PROXIED)).toMatch(new RegExp(`^https://cc\\.example\\.test/invite/${TOKEN}$`));
  });

  it("takes the entry the proxy appended, not what the client prepended", async () => {
    const key = await adminKey();
    const prepended = { ...PROXIED, "x-forwarded-host": "169.254.169.254, cc.example.test", "x-forwarded-proto": "http, https" };
    expect(await inboxUrl(key, prepended)).toMatch(new RegExp(`^https://cc\\.example\\.test/api/inbox/${TOKEN}$`));
  });

  it("still uses APP_URL over the forwarded headers", async () => {
    vi.stubEnv("APP_URL", "https://app.example.test");
    const key = await adminKey();
    expect(await inboxUrl(key, PROXIED)).toMatch(new RegExp(`^https://app\\.example\\.test/api/inbox/${TOKEN}$`));
    expect(await invitationUrl(key, PROXIED)).toMatch(new RegExp(`^https://app\\.example\\.test/invite/${TOKEN}$`));
  });
});
