// Registering a signed server with Inngest (docs/delivery.md#running-on-inngest). Outside dev mode
// an unsigned PUT to /api/inngest is refused, so the app is synced either in-band (Inngest's
// dashboard or CLI sends a signed PUT and reads the functions from the answer) or, where the
// operator turns on INNGEST_ENABLE_UNAUTHED_SYNC, out-of-band: an unsigned PUT makes the app post
// its functions to Inngest's /fn/register itself, always naming INNGEST_SERVE_ORIGIN as the URL.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Inngest } from "inngest";
import { deliveryContext } from "@/lib/delivery/context";
import { inngestHandlers } from "@/lib/delivery/inngest/serve";
import { loadConfig } from "@/lib/config";
import { createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";
import type { OpenedDatabase } from "@/lib/db";

const SIGNING_KEY = "signkey-prod-5f1c0d9e8b7a69584736251403f2e1d0c9b8a79685746352413f2e1d0c9b8a79";
let inngestApi: Receiver;
let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
  inngestApi = await startReceiver((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, modified: true }));
  });
});
afterAll(async () => {
  await inngestApi?.close();
  await opened?.close();
});

function handlersWith(extra: Record<string, string>) {
  const env = { INNGEST_SIGNING_KEY: SIGNING_KEY, INNGEST_EVENT_KEY: "evt-key", INNGEST_BASE_URL: inngestApi.url, ...extra };
  const client = new Inngest({ id: "control-center", isDev: false, signingKey: SIGNING_KEY, eventKey: "evt-key", baseUrl: inngestApi.url });
  return inngestHandlers(() => deliveryContext(opened.db), { client, env: () => env, retentionDays: () => 30 });
}

function signature(body: string, at = Math.floor(Date.now() / 1000)) {
  const mac = createHmac("sha256", SIGNING_KEY.replace(/^signkey-\w+-/, "")).update(body).update(String(at)).digest("hex");
  return `t=${at}&s=${mac}`;
}

// A caller names its own host: a sync must never register it.
const put = (headers: Record<string, string> = {}, body = "") =>
  new Request("https://attacker.example/api/inngest", { method: "PUT", headers: { host: "attacker.example", ...headers }, body: body || undefined });

describe("syncing a signed server", () => {
  it("refuses an unsigned PUT by default: it would let anyone re-register the app", async () => {
    const { PUT } = handlersWith({});
    const res = await PUT(put());
    expect(res.status).toBe(401);
    expect(inngestApi.requests).toHaveLength(0);
  });

  it("answers a signed in-band sync with the functions, registering the serve origin, with no call out to Inngest", async () => {
    const { PUT } = handlersWith({ INNGEST_SERVE_ORIGIN: "https://cc.example.com" });
    const body = JSON.stringify({ url: "https://attacker.example/api/inngest" });
    const res = await PUT(put({ "x-inngest-sync-kind": "in_band", "x-inngest-signature": signature(body), "content-type": "application/json" }, body));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-inngest-sync-kind")).toBe("in_band");
    const sync = (await res.json()) as { app_id: string; url: string; functions: { id: string }[] };
    expect(sync.app_id).toBe("control-center");
    expect(sync.url).toMatch(/^https:\/\/cc\.example\.com\/api\/inngest/);
    expect(sync.functions.map((f) => f.id)).toContain("control-center-deliver-webhook");
    expect(inngestApi.requests).toHaveLength(0);
  });

  it("refuses an in-band sync that is not signed, even with unauthenticated sync turned on", async () => {
    const { PUT } = handlersWith({ INNGEST_ENABLE_UNAUTHED_SYNC: "1", INNGEST_SERVE_ORIGIN: "https://cc.example.com" });
    const body = JSON.stringify({ url: "https://attacker.example/api/inngest" });
    const res = await PUT(put({ "x-inngest-sync-kind": "in_band", "content-type": "application/json" }, body));
    expect(res.status).toBe(401);
  });

  it("with INNGEST_ENABLE_UNAUTHED_SYNC an unsigned PUT registers the app at INNGEST_SERVE_ORIGIN, never the caller's host", async () => {
    const { PUT } = handlersWith({ INNGEST_ENABLE_UNAUTHED_SYNC: "1", INNGEST_SERVE_ORIGIN: "https://cc.example.com" });
    const res = await PUT(put());
    expect(res.status).toBe(200);
    const register = inngestApi.requests.find((r) => r.path.startsWith("/fn/register"));
    expect(register, "the SDK posted to Inngest's /fn/register").toBeDefined();
    // Inngest authenticates the registration by the signing key's hash, not the caller.
    expect(register!.headers.authorization).toMatch(/^Bearer signkey-prod-[0-9a-f]{64}$/);
    expect(register!.headers.authorization).not.toContain(SIGNING_KEY.slice(13));
    const registered = JSON.parse(register!.body) as { url: string; functions: unknown[] };
    expect(registered.url).toMatch(/^https:\/\/cc\.example\.com\/api\/inngest/);
    expect(registered.functions).toHaveLength(6);
  });

  it("will not start with unauthenticated sync but no INNGEST_SERVE_ORIGIN, nor with a flag it cannot read", () => {
    const base = { INNGEST_SIGNING_KEY: SIGNING_KEY, INNGEST_EVENT_KEY: "evt-key" };
    expect(() => loadConfig({ ...base, INNGEST_ENABLE_UNAUTHED_SYNC: "1" })).toThrow(/INNGEST_SERVE_ORIGIN: required with INNGEST_ENABLE_UNAUTHED_SYNC/);
    expect(() => loadConfig({ ...base, INNGEST_ENABLE_UNAUTHED_SYNC: "yes" })).toThrow(/INNGEST_ENABLE_UNAUTHED_SYNC: use 1\/true/);
    expect(() => loadConfig({ ...base, INNGEST_ENABLE_UNAUTHED_SYNC: "1", INNGEST_SERVE_ORIGIN: "https://cc.example.com" })).not.toThrow();
  });
});
