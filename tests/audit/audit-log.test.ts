// GET /api/v1/audit-log and the dashboard's audit log action: filters (each and combined),
// cursor pagination across filters, tenant isolation, permission, field errors, and no
// secret in any answer.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as auditRoute from "@/app/api/v1/audit-log/route";
import * as keys from "@/app/api/v1/api-keys/route";
import * as githubSecret from "@/app/api/v1/projects/[projectId]/github-secret/route";
import * as githubRotate from "@/app/api/v1/projects/[projectId]/github-secret/rotate/route";
import * as triggerSecret from "@/app/api/v1/projects/[projectId]/trigger-secret/route";
import * as triggerRotate from "@/app/api/v1/projects/[projectId]/trigger-secret/rotate/route";
import * as projects from "@/app/api/v1/projects/route";
import * as webhookSecret from "@/app/api/v1/webhooks/[webhookId]/secret/route";
import * as webhookRotate from "@/app/api/v1/webhooks/[webhookId]/secret/rotate/route";
import * as webhookItem from "@/app/api/v1/webhooks/[webhookId]/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { listAuditLogAction } from "@/lib/actions/audit";
import { auditFilterOptions, recordAudit, systemActor, type Actor, type AuditEntryResource } from "@/lib/audit";
import { API_KEY_SCOPES } from "@/lib/auth";
import { newId, type OpenedDatabase } from "@/lib/db";
import { createKey, createOrgWithUser, createTestDatabase, findKey } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

// The dashboard action runs as whoever the test signs in.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/authjs", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "audit-test" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

type Page = { data: AuditEntryResource[]; next_cursor: string | null };

let opened: OpenedDatabase;
let orgId: string;
let ownerId: string;
let adminKey: string;
let adminKeyId: string;
let otherKey: string;
let otherOrgId: string;
let user: Actor;
let key: Actor;

// A fixed clock for the entries made here: one minute apart, starting at T0.
const T0 = Date.UTC(2026, 0, 15, 10, 0, 0);
const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();
/** The entries recorded in organization A, oldest first: [minute, actor, action, resource]. */
let made: { minute: number; actor: "user" | "key" | "system"; action: string; resource: string }[];

async function recordAt(minute: number, org: string, actor: Actor, action: string, resource: { type: string; id: string }, metadata = {}) {
  const now = vi.spyOn(Date, "now").mockReturnValue(T0 + minute * 60_000);
  try {
    await recordAudit(opened.db, org, actor, action, resource, metadata);
  } finally {
    now.mockRestore();
  }
}

beforeAll(async () => {
  opened = await createTestDatabase();
  const a = await createOrgWithUser(opened.db, "owner");
  orgId = a.org.id;
  ownerId = a.user.id;
  adminKey = await createKey(opened.db, orgId, ["admin"], { name: "Automation" });
  adminKeyId = (await findKey(opened.db, adminKey)).id;
  const b = await createOrgWithUser(opened.db, "owner");
  otherOrgId = b.org.id;
  otherKey = await createKey(opened.db, otherOrgId, ["admin"], { name: "Other" });
  // Only the entries made below count: the fixtures' own (api_key.created by "Test fixture") go.
  await opened.db.auditLog.deleteMany({});

  user = { type: "user", id: ownerId, label: a.user.email, ip: "203.0.113.7", userAgent: "Mozilla/5.0 test" };
  key = { type: "api_key", id: adminKeyId, label: 'API key "Automation"' };
  const actors = { user, key, system: systemActor };
  made = [
    { minute: 0, actor: "user", action: "project.created", resource: "proj_01JH6ZG7H8J9K0MNPQRSTVWXY0" },
    { minute: 1, actor: "user", action: "endpoint.created", resource: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1" },
    { minute: 2, actor: "key", action: "endpoint.secret_revealed", resource: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1" },
    { minute: 3, actor: "key", action: "endpoint.secret_rotated", resource: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1" },
    { minute: 4, actor: "system", action: "endpoint.auto_disabled", resource: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1" },
    { minute: 5, actor: "key", action: "api_key.created", resource: "key_01JH6ZG7H8J9K0MNPQRSTVWXY2" },
    { minute: 6, actor: "user", action: "endpoint.created", resource: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY3" },
    { minute: 7, actor: "key", action: "project.updated", resource: "proj_01JH6ZG7H8J9K0MNPQRSTVWXY0" },
    { minute: 8, actor: "user", action: "endpoint.deleted", resource: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY3" },
    { minute: 9, actor: "user", action: "team.a_b.changed", resource: "org_01JH6ZG7H8J9K0MNPQRSTVWXY4" },
    { minute: 10, actor: "user", action: "team.axb.changed", resource: "org_01JH6ZG7H8J9K0MNPQRSTVWXY4" },
  ];
  for (const m of made) {
    const type = m.resource.split("_")[0];
    await recordAt(m.minute, orgId, actors[m.actor], m.action, { type, id: m.resource }, { minute: m.minute });
  }
  // Organization B acts on an object id A also knows (ids are unique in practice; the log must not care).
  await recordAt(3, otherOrgId, { type: "api_key", id: "key_01JH6ZG7H8J9K0MNPQRSTVWXY9", label: 'API key "Other"' }, "endpoint.created", {
    type: "endpoint",
    id: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1",
  });
});

afterAll(async () => {
  await opened?.close();
});

const list = (query: Record<string, string> = {}, apiKey = adminKey) =>
  callRoute(auditRoute.GET, { url: `/api/v1/audit-log?${new URLSearchParams(query)}`, key: apiKey });

async function listOk(query: Record<string, string> = {}, apiKey = adminKey): Promise<Page> {
  return expectJson<Page>(await list(query, apiKey), 200);
}

/** The minutes of the entries made here that pass `keep`, newest first (the log's order). */
const expected = (keep: (m: (typeof made)[number]) => boolean) =>
  made
    .filter(keep)
    .map((m) => m.minute)
    .reverse();
const minutes = (page: Page) => page.data.map((entry) => entry.metadata.minute);

describe("GET /api/v1/audit-log", () => {
  it("lists the organization's entries newest first in the documented shape", async () => {
    const page = await listOk();
    expect(minutes(page)).toEqual(expected(() => true));
    expect(page.next_cursor).toBeNull();
    const first = page.data.find((entry) => entry.metadata.minute === 1)!;
    expect(first).toEqual({
      id: expect.stringMatching(/^aud_/),
      action: "endpoint.created",
      actor: { type: "user", id: ownerId, label: user.label },
      resource: { type: "ep", id: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1" },
      metadata: { minute: 1 },
      ip: "203.0.113.7",
      user_agent: "Mozilla/5.0 test",
      created_at: at(1),
    });
    expect(page.data.find((entry) => entry.metadata.minute === 4)?.actor).toEqual({ type: "system", id: null, label: "Control Center" });
  });

  it("filters by actor: a user id, an API key id, or system", async () => {
    expect(minutes(await listOk({ actor: ownerId }))).toEqual(expected((m) => m.actor === "user"));
    expect(minutes(await listOk({ actor: adminKeyId }))).toEqual(expected((m) => m.actor === "key"));
    expect(minutes(await listOk({ actor: "system" }))).toEqual(expected((m) => m.actor === "system"));
    expect((await listOk({ actor: "usr_01JH6ZG7H8J9K0MNPQRSTVWXYZ" })).data).toEqual([]);
  });

  it("filters by exact action and by a prefix ending in .*", async () => {
    expect(minutes(await listOk({ action: "endpoint.created" }))).toEqual(expected((m) => m.action === "endpoint.created"));
    expect(minutes(await listOk({ action: "endpoint.*" }))).toEqual(expected((m) => m.action.startsWith("endpoint.")));
    expect(minutes(await listOk({ action: "api_key.*" }))).toEqual([5]);
    // A deeper prefix, whose underscore is a character, not a wildcard.
    expect(minutes(await listOk({ action: "team.a_b.*" }))).toEqual([9]);
    expect(minutes(await listOk({ action: "team.*" }))).toEqual([10, 9]);
    // A prefix is whole words: "end.*" is not "endpoint.*".
    expect((await listOk({ action: "end.*" })).data).toEqual([]);
    expect((await listOk({ action: "endpoint" })).data).toEqual([]);
  });

  it("filters by resource id", async () => {
    expect(minutes(await listOk({ resource_id: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1" }))).toEqual(expected((m) => m.resource === "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1"));
    expect(minutes(await listOk({ resource_id: "proj_01JH6ZG7H8J9K0MNPQRSTVWXY0" }))).toEqual([7, 0]);
  });

  it("filters by time: since inclusive, until exclusive", async () => {
    expect(minutes(await listOk({ since: at(8) }))).toEqual([10, 9, 8]);
    expect(minutes(await listOk({ until: at(2) }))).toEqual([1, 0]);
    expect(minutes(await listOk({ since: at(3), until: at(5) }))).toEqual([4, 3]);
    // Offsets are honoured: 11:03+01:00 is 10:03Z.
    expect(minutes(await listOk({ since: "2026-01-15T11:09:00+01:00" }))).toEqual([10, 9]);
  });

  it("combines filters with AND", async () => {
    expect(minutes(await listOk({ actor: adminKeyId, action: "endpoint.*", resource_id: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1" }))).toEqual([3, 2]);
    expect(minutes(await listOk({ actor: ownerId, action: "endpoint.*", since: at(2) }))).toEqual([8, 6]);
    expect((await listOk({ actor: "system", action: "project.*" })).data).toEqual([]);
  });

  it("pages through a filtered list with next_cursor, the filters holding on every page", async () => {
    const want = expected((m) => m.action.startsWith("endpoint."));
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await listOk({ action: "endpoint.*", limit: "2", ...(cursor ? { cursor } : {}) });
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...minutes(page));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(want);
    expect(pages).toBe(Math.ceil(want.length / 2));

    // A cursor from one filter's page continues the same way under a narrower one.
    const firstUser = await listOk({ actor: ownerId, limit: "1" });
    const rest = await listOk({ actor: ownerId, action: "endpoint.*", cursor: firstUser.next_cursor! });
    expect(minutes(rest)).toEqual(expected((m) => m.actor === "user" && m.action.startsWith("endpoint.")));
  });

  it("shows an organization only its own entries, whatever the filter", async () => {
    const other = await listOk({}, otherKey);
    expect(other.data.map((entry) => entry.action)).toEqual(["endpoint.created"]);
    expect(other.data[0].actor.label).toBe('API key "Other"');
    const shared = await listOk({ resource_id: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1" }, otherKey);
    expect(shared.data).toHaveLength(1);
    expect((await listOk({ actor: ownerId }, otherKey)).data).toEqual([]);
    expect((await listOk({ actor: adminKeyId }, otherKey)).data).toEqual([]);
    const mine = await listOk({ resource_id: "ep_01JH6ZG7H8J9K0MNPQRSTVWXY1" });
    expect(mine.data.map((entry) => entry.actor.label)).not.toContain('API key "Other"');
  });

  it("needs the admin scope", async () => {
    for (const scope of API_KEY_SCOPES.filter((s) => s !== "admin")) {
      const problem = await expectProblem(await list({}, await createKey(opened.db, orgId, [scope])), 403);
      expect(problem.detail).toContain("`admin` scope");
    }
    await expectProblem(await list({}, "cc_live_not-a-key"), 401);
  });

  it("answers 422 with a field error for each invalid filter", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ actor: "demo@controlcenter.local" }, "actor"],
      [{ actor: "" }, "actor"],
      [{ action: "endpoint*" }, "action"],
      [{ action: "*" }, "action"],
      [{ action: "Endpoint.Created" }, "action"],
      [{ action: "endpoint.%" }, "action"],
      [{ resource_id: "ep 1" }, "resource_id"],
      [{ resource_id: "x".repeat(101) }, "resource_id"],
      [{ since: "yesterday" }, "since"],
      [{ until: "2026-01-15" }, "until"],
      [{ since: at(5), until: at(1) }, "until"],
      [{ cursor: "not-a-cursor" }, "cursor"],
      [{ limit: "0" }, "limit"],
    ];
    for (const [query, field] of cases) {
      const problem = await expectProblem(await list(query), 422);
      expect(problem.errors?.map((e) => e.field), JSON.stringify(query)).toContain(field);
    }
    const both = await expectProblem(await list({ actor: "nobody", action: "nothing*" }), 422);
    expect(both.errors?.map((e) => e.field).sort()).toEqual(["action", "actor"]);
  });
  it("answers hostile filter values with 200 or 422 problem+json, never a 5xx", async () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.constantFrom("\u0000", "endpoint.\u0000", "\ud800", "x".repeat(10_000), "' OR 1=1 --", "%", "_", "\\", "endpoint.%", "system", "usr_%", "2026-02-30T25:61:00Z"),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom("actor", "action", "resource_id", "since", "until", "cursor", "limit"), hostile, { maxKeys: 4 }), async (query) => {
        const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, v.toWellFormed()])).toString();
        const response = await callRoute(auditRoute.GET, { url: `/api/v1/audit-log?${search}`, key: adminKey });
        const problem = response.headers.get("content-type") === "application/problem+json";
        return response.status === 200 || (response.status === 422 && problem);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});

describe("secrets and the audit log", () => {
  it("never answers a secret, after endpoint and project secrets are revealed and rotated and a key is created", async () => {
    const project = await expectJson<{ id: string }>(await callRoute(projects.POST, { url: "/api/v1/projects", key: adminKey, body: { name: "Secretive" } }), 201);
    const projectParams = { projectId: project.id };
    const secrets: string[] = [];
    for (const [read, rotate] of [
      [triggerSecret.GET, triggerRotate.POST],
      [githubSecret.GET, githubRotate.POST],
    ] as const) {
      secrets.push((await expectJson<{ secret: string }>(await callRoute(read, { url: "/x", key: adminKey, params: projectParams }), 200)).secret);
      secrets.push((await expectJson<{ secret: string }>(await callRoute(rotate, { url: "/x", key: adminKey, body: {}, params: projectParams }), 200)).secret);
    }
    const created = await expectJson<{ key: string }>(
      await callRoute(keys.POST, { url: "/api/v1/api-keys", key: adminKey, body: { name: "CI", scopes: ["builds:write"] } }),
      201,
    );
    secrets.push(created.key);
    // Secrets in an endpoint's URL (path and query) and its own signing secret: the log keeps the URL masked.
    const endpoint = await expectJson<{ id: string }>(
      await callRoute(webhooks.POST, {
        url: "/api/v1/webhooks",
        key: adminKey,
        body: { name: "Leaky", url: `http://127.0.0.1:9/hooks/${secrets[0]}?key=${created.key}`, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
      }),
      201,
    );
    const webhookParams = { webhookId: endpoint.id };
    secrets.push(
      (await expectJson<{ secret: string }>(await callRoute(webhookSecret.GET, { url: "/x", key: adminKey, params: webhookParams }), 200)).secret,
      (await expectJson<{ secret: string }>(await callRoute(webhookRotate.POST, { url: "/x", key: adminKey, body: {}, params: webhookParams }), 200)).secret,
    );
    const patched = { url: `http://127.0.0.1:9/hooks/${secrets[2]}`, headers: { Authorization: `Bearer ${created.key}` } };
    await expectJson(await callRoute(webhookItem.PATCH, { method: "PATCH", url: "/x", key: adminKey, params: webhookParams, body: patched }), 200);
    await expectJson(await callRoute(webhookItem.DELETE, { method: "DELETE", url: "/x", key: adminKey, params: webhookParams }), 200);
    expect(secrets.every((s) => s.length >= 16)).toBe(true);

    const page = await listOk({ since: new Date(Date.now() - 60_000).toISOString(), limit: "100" });
    expect(page.data.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        "project.trigger_secret_revealed",
        "project.trigger_secret_rotated",
        "project.github_secret_revealed",
        "project.github_secret_rotated",
        "api_key.created",
        "endpoint.created",
        "endpoint.secret_revealed",
        "endpoint.secret_rotated",
        "endpoint.updated",
        "endpoint.deleted",
      ]),
    );
    const text = JSON.stringify(page);
    for (const marker of ["whsec_", "cc_live_", "trg_", ...secrets]) expect(text).not.toContain(marker);
  });

  it("stores a secret that a caller put in metadata by mistake redacted", async () => {
    const resource = { type: "endpoint", id: newId("ep") };
    await recordAudit(opened.db, orgId, key, "endpoint.updated", resource, { secret: "plain", note: "was whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
    const page = await listOk({ resource_id: resource.id });
    expect(page.data[0].metadata).toEqual({ secret: "[redacted]", note: "was [redacted]" });
  });
});

describe("the dashboard's audit log", () => {
  it("gives admins the same filtered pages as the API", async () => {
    session.userId = ownerId;
    const result = await listAuditLogAction(orgId, { actor: adminKeyId, action: "endpoint.*", until: at(11), limit: 1 });
    expect(result.ok && result.data.items.map((entry) => entry.metadata.minute)).toEqual([3]);
    expect(result.ok && result.data.nextCursor).toEqual(expect.any(String));
    const refused = await listAuditLogAction(orgId, { action: "endpoint*" });
    expect(refused).toMatchObject({ ok: false, fieldErrors: [{ field: "action" }] });
  });

  it("offers the filter bar the actions recorded and the people and keys that acted, of this organization only", async () => {
    const options = await auditFilterOptions(opened.db, orgId);
    const recorded = await opened.db.auditLog.findMany({ where: { organizationId: orgId }, select: { action: true } });
    expect([...options.actions].sort()).toEqual([...new Set(recorded.map((r) => r.action))].sort());
    expect(options.actions).toEqual(expect.arrayContaining(["endpoint.created", "team.a_b.changed", "api_key.created"]));
    // The key acted last (the tests above), the user before it; system actors are offered as one choice by the page.
    expect(options.actors).toEqual([
      { type: "api_key", id: adminKeyId, label: 'API key "Automation"' },
      { type: "user", id: ownerId, label: user.label },
    ]);
    expect(await auditFilterOptions(opened.db, otherOrgId)).toEqual({
      actions: ["endpoint.created"],
      actors: [{ type: "api_key", id: "key_01JH6ZG7H8J9K0MNPQRSTVWXY9", label: 'API key "Other"' }],
    });
  });

  it("refuses developers and viewers, saying which role is needed", async () => {
    for (const role of ["developer", "viewer"] as const) {
      const member = await createOrgWithUser(opened.db, "owner");
      await opened.db.membership.create({ data: { id: newId("mem"), organizationId: orgId, userId: member.user.id, role } });
      session.userId = member.user.id;
      expect(await listAuditLogAction(orgId, {})).toEqual({ ok: false, error: "This needs the admin role or higher." });
    }
  });
});
