// The embedded default's demo data: created once per data folder, usable at once.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as builds from "@/app/api/v1/projects/[projectId]/builds/route";
import * as projects from "@/app/api/v1/projects/route";
import { verifyCredentials } from "@/lib/auth";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext } from "@/lib/delivery/context";
import { createSender } from "@/lib/delivery/sender";
import { withInboxDelivery } from "@/lib/delivery/inbox-sender";
import { deliverDueOnce } from "@/lib/delivery/worker";
import { configuredOrigin, DEMO_EMAIL, DEMO_INBOX_NAME, demoCredentialsPath, ensureDemoData, type DemoCredentials } from "@/lib/demo/seed";
import { getTriggerRules } from "@/lib/triggers";
import { listInboxRequests, openEndpointTarget } from "@/lib/webhooks";
import { createTestDatabase } from "../helpers/db";
import { callRoute, expectJson } from "../helpers/http";

let opened: OpenedDatabase;
let dataDir: string;
let demo: DemoCredentials;

// What `npm start` prints by default (scripts/start.mjs): the demo inbox's URL starts with it.
const ORIGIN = "http://127.0.0.1:3000";

beforeAll(async () => {
  opened = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), "control-center-seed-"));
  demo = await ensureDemoData(opened.db, dataDir, ORIGIN);
});

afterAll(async () => {
  await opened?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("ensureDemoData", () => {
  it("creates the demo user, organization, project and key", async () => {
    expect(demo.email).toBe(DEMO_EMAIL);
    const membership = await opened.db.membership.findFirstOrThrow({
      where: { organizationId: demo.organization_id, user: { email: DEMO_EMAIL } },
    });
    expect(membership.role).toBe("owner");
    const project = await opened.db.project.findUniqueOrThrow({ where: { id: demo.project_id } });
    expect(project).toMatchObject({ organizationId: demo.organization_id, name: "MyPlugin" });
    expect(await opened.db.apiKey.count({ where: { organizationId: demo.organization_id } })).toBe(1);
  });

  it("writes demo-credentials.json with exactly email, password, api_key, organization_id, project_id", () => {
    const file = demoCredentialsPath(dataDir);
    const saved = JSON.parse(readFileSync(file, "utf8"));
    expect(Object.keys(saved).sort()).toEqual(["api_key", "email", "organization_id", "password", "project_id"]);
    expect(saved).toEqual(demo);
    // Only the owner may read it: it holds a password and a key.
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("gives an API key that lists the demo project", async () => {
    expect(demo.api_key).toMatch(/^cc_live_/);
    const body = await expectJson<{ data: { id: string; name: string }[] }>(
      await callRoute(projects.GET, { url: "/api/v1/projects", key: demo.api_key }),
      200,
    );
    expect(body.data.map((p) => [p.id, p.name])).toEqual([[demo.project_id, "MyPlugin"]]);
  });

  it("gives a password that signs in, and only that password", async () => {
    const user = await verifyCredentials(opened.db, demo.email, demo.password);
    expect(user?.email).toBe(DEMO_EMAIL);
    expect(await verifyCredentials(opened.db, demo.email.toUpperCase(), demo.password)).not.toBeNull();
    expect(await verifyCredentials(opened.db, demo.email, `${demo.password}x`)).toBeNull();
  });

  it("starts with a push rule for main and an endpoint pointing at the organization's own test inbox", async () => {
    expect(await getTriggerRules(opened.db, demo.project_id)).toEqual([expect.objectContaining({ trigger: "push", enabled: true, branches: ["main"] })]);
    const inbox = await opened.db.inbox.findFirstOrThrow({ where: { organizationId: demo.organization_id } });
    expect(inbox).toMatchObject({ name: DEMO_INBOX_NAME, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:3000\/api\/inbox\/[A-Za-z0-9_-]{43}$/) });
    const endpoint = await opened.db.endpoint.findFirstOrThrow({ where: { organizationId: demo.organization_id } });
    expect(endpoint).toMatchObject({ name: DEMO_INBOX_NAME, eventTypes: [], active: true });
    expect(openEndpointTarget(endpoint).url).toBe(inbox.url);
  });

  it("shows the first build's deliveries in the inbox, signed, even where private destinations are refused", async () => {
    await expectJson(await callRoute(builds.POST, { url: `/api/v1/projects/${demo.project_id}/builds`, key: demo.api_key, body: {}, params: { projectId: demo.project_id } }), 201);
    const now = () => new Date();
    await deliverDueOnce(deliveryContext(opened.db, { now, send: withInboxDelivery(createSender({ allowPrivate: false }), opened.db, now) }));
    const [endpoint, inbox] = await Promise.all([
      opened.db.endpoint.findFirstOrThrow({ where: { organizationId: demo.organization_id } }),
      opened.db.inbox.findFirstOrThrow({ where: { organizationId: demo.organization_id } }),
    ]);
    const { items } = await listInboxRequests(opened.db, demo.organization_id, inbox.id, { webhookId: endpoint.id }, { limit: 10 }, { reveal: true });
    expect(items.map((r) => [JSON.parse(r.body).type, r.signature_valid])).toEqual([["build.queued", true]]);
  });

  it("takes its origin from APP_URL, else HOST and PORT as npm start listens", () => {
    expect(configuredOrigin({})).toBe(ORIGIN);
    expect(configuredOrigin({ HOST: "0.0.0.0", PORT: "4100" })).toBe("http://127.0.0.1:4100");
    expect(configuredOrigin({ HOST: "::1", PORT: "4100" })).toBe("http://[::1]:4100");
    expect(configuredOrigin({ HOST: "0.0.0.0", APP_URL: "https://cc.example.com/ignored" })).toBe("https://cc.example.com");
  });

  it("returns the same credentials on the next start and creates no second organization", async () => {
    const again = await ensureDemoData(opened.db, dataDir);
    expect(again).toEqual(demo);
    expect(await opened.db.organization.count()).toBe(1);
    expect(await opened.db.project.count()).toBe(1);
    expect(await opened.db.apiKey.count()).toBe(1);
    expect(await opened.db.endpoint.count()).toBe(1);
    expect(await opened.db.inbox.count()).toBe(1);
  });

  it("creates a data folder that does not exist yet (DATABASE_URL keeps nothing else there)", async () => {
    const fresh = await createTestDatabase();
    const missing = join(dataDir, "not", "yet");
    try {
      const credentials = await ensureDemoData(fresh.db, missing);
      expect(JSON.parse(readFileSync(demoCredentialsPath(missing), "utf8"))).toEqual(credentials);
    } finally {
      await fresh.close();
    }
  });
});
