// The authorization matrix, generated from the API route table: every route × every kind of
// caller → the status its declared permission implies. Nothing here is written per route, so
// a new route is covered the day it is described (and tests/api/route-table.test.ts fails a
// route file that serves a method no description declares). Callers include keys *after* a
// change to the member they act for: an admin's key (never owner-only routes), a demoted
// admin's and a demoted owner's key (narrowed to the new role), a removed member's key (401).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteSpec } from "@/lib/api/route";
import { ROUTES } from "@/lib/api/routes";
import { systemActor } from "@/lib/audit";
import { API_KEY_SCOPES, can, createApiKey, credentialConsequences, scopeOf, type ApiKeyScope, type Grant, type Role } from "@/lib/auth";
import type { OpenedDatabase } from "@/lib/db";
import { changeMemberRole, removeMember } from "@/lib/organizations";
import { addMember, createKey, createOrgWithUser, createTestDatabase, findKey } from "../helpers/db";
import { callRoute, expectJson } from "../helpers/http";
import * as projects from "@/app/api/v1/projects/route";
import * as builds from "@/app/api/v1/projects/[projectId]/builds/route";
import * as domains from "@/app/api/v1/projects/[projectId]/domains/route";
import * as inboxes from "@/app/api/v1/inboxes/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import * as events from "@/app/api/v1/events/route";
import * as deliveries from "@/app/api/v1/deliveries/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as buildStatus from "@/app/api/v1/builds/[buildId]/status/route";
import * as deployBuild from "@/app/api/v1/builds/[buildId]/deploy/route";

type Caller =
  | { kind: "none" }
  | { kind: "revoked" | "expired" | "removed member's"; key: string }
  | { kind: "scope"; scope: ApiKeyScope; key: string }
  /** A key whose member's role is not (or no longer) owner: what it may do is `grant`. */
  | { kind: "admin's" | "demoted admin's" | "demoted owner's"; grant: Grant; key: string }
  | { kind: "other-org"; key: string };

const apiDir = `${__dirname}/../../app/api/v1`;
let opened: OpenedDatabase;
const callers: Caller[] = [{ kind: "none" }];
const ids: Record<string, string> = {};

beforeAll(async () => {
  opened = await createTestDatabase();
  const { org } = await createOrgWithUser(opened.db, "owner");
  const admin = await createKey(opened.db, org.id, ["admin"]);
  // Route handlers differ in their params' type; these calls give each what it needs.
  const create = async (handler: unknown, url: string, body: unknown, params = {}) =>
    expectJson<{ id: string }>(await callRoute(handler as Parameters<typeof callRoute>[0], { url, key: admin, body, params }), 201);

  // One of everything a path can name, all in organization A.
  ids.webhookId = (await create(webhooks.POST, "/api/v1/webhooks", { name: "Matrix", url: "http://127.0.0.1:9/hook" })).id;
  ids.inboxId = (await create(inboxes.POST, "/api/v1/inboxes", { name: "Matrix" })).id;
  ids.projectId = (await create(projects.POST, "/api/v1/projects", { name: "Matrix" })).id;
  ids.domainId = (await create(domains.POST, `/api/v1/projects/${ids.projectId}/domains`, { hostname: "matrix.example.com" }, { projectId: ids.projectId })).id;
  ids.buildId = (await create(builds.POST, `/api/v1/projects/${ids.projectId}/builds`, {}, { projectId: ids.projectId })).id;
  // A deployment of a second, succeeded build; downloads name a platform or "all".
  const deployed = (await create(builds.POST, `/api/v1/projects/${ids.projectId}/builds`, { branch: "deployed" }, { projectId: ids.projectId })).id;
  for (const status of ["started", "succeeded"]) {
    await expectJson(await callRoute(buildStatus.POST, { url: "/api/v1/x", key: admin, body: { status }, params: { buildId: deployed } }), 200);
  }
  ids.deploymentId = (await create(deployBuild.POST, "/api/v1/x", { environment: "preview" }, { buildId: deployed })).id;
  ids.target = "all";
  const firstEvent = await expectJson<{ data: { id: string }[] }>(await callRoute(events.GET, { url: "/api/v1/events", key: admin }), 200);
  ids.eventId = firstEvent.data[0].id;
  const firstDelivery = await expectJson<{ data: { id: string }[] }>(await callRoute(deliveries.GET, { url: "/api/v1/deliveries", key: admin }), 200);
  ids.deliveryId = firstDelivery.data[0].id;
  ids.keyId = (await findKey(opened.db, await createKey(opened.db, org.id, ["webhooks:read"], { name: "victim" }))).id;
  // A developer (admin keys may change and remove them, never owners) and a pending invitation.
  ids.userId = (await createOrgWithUser(opened.db, "owner")).user.id;
  await opened.db.membership.create({ data: { id: `mem_${ids.userId.slice(4)}`, organizationId: org.id, userId: ids.userId, role: "developer" } });
  ids.invitationId = (await create(invitations.POST, "/api/v1/invitations", { email: "matrix@example.test", role: "viewer" })).id;

  for (const scope of API_KEY_SCOPES) callers.push({ kind: "scope", scope, key: await createKey(opened.db, org.id, [scope]) });
  const revoked = await createKey(opened.db, org.id, ["admin"]);
  await opened.db.apiKey.update({ where: { id: (await findKey(opened.db, revoked)).id }, data: { revokedAt: new Date() } });
  callers.push({ kind: "revoked", key: revoked });
  const expired = await createKey(opened.db, org.id, ["admin"]);
  await opened.db.apiKey.update({ where: { id: (await findKey(opened.db, expired)).id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  callers.push({ kind: "expired", key: expired });
  const other = await createOrgWithUser(opened.db, "owner");
  callers.push({ kind: "other-org", key: await createKey(opened.db, other.org.id, ["admin"]) });

  // Members who each make an admin key, then change: it acts for them as they are now.
  const member = async (role: Role) => {
    const user = await addMember(opened.db, org.id, role);
    const { secret } = await createApiKey(opened.db, org.id, { name: `${role}'s key`, scopes: ["admin"], expires_at: null }, systemActor, { userId: user.id, role });
    return { userId: user.id, key: secret };
  };
  const change = (userId: string, role: Role) => changeMemberRole(opened.db, org.id, userId, role, systemActor, { owners: true }, credentialConsequences);
  const admin_ = await member("admin");
  callers.push({ kind: "admin's", key: admin_.key, grant: { kind: "scopes", scopes: ["admin"], role: "admin" } });
  const demotedAdmin = await member("admin");
  await change(demotedAdmin.userId, "viewer");
  const narrowed = (await findKey(opened.db, demotedAdmin.key)).scopes;
  expect(narrowed).toEqual(["projects:read", "webhooks:read", "builds:read"]);
  callers.push({ kind: "demoted admin's", key: demotedAdmin.key, grant: { kind: "scopes", scopes: narrowed, role: "viewer" } });
  const demotedOwner = await member("owner");
  await change(demotedOwner.userId, "developer");
  const developerScopes = (await findKey(opened.db, demotedOwner.key)).scopes;
  callers.push({ kind: "demoted owner's", key: demotedOwner.key, grant: { kind: "scopes", scopes: developerScopes, role: "developer" } });
  const removed = await member("admin");
  await removeMember(opened.db, org.id, removed.userId, systemActor, { owners: true }, credentialConsequences);
  callers.push({ kind: "removed member's", key: removed.key });
});

afterAll(async () => {
  await opened?.close();
});

const hasParams = (route: RouteSpec) => route.path.includes("{");

/** What the route's description says this caller gets: an exact status, or "allowed" (past authorization). */
function expected(route: RouteSpec, caller: Caller): number | "allowed" {
  if (!("apiKey" in route.auth)) return 401; // the trigger secret, not an API key, opens it
  if (caller.kind === "other-org") return hasParams(route) ? 404 : "allowed";
  if (caller.kind === "scope") return can({ kind: "scopes", scopes: [caller.scope], role: "owner" }, route.auth.apiKey) ? "allowed" : 403;
  if ("grant" in caller) return can(caller.grant, route.auth.apiKey) ? "allowed" : 403;
  return 401;
}

function label(caller: Caller) {
  return caller.kind === "scope" ? `key with ${caller.scope}` : `${caller.kind} key`;
}

async function call(route: RouteSpec, caller: Caller): Promise<Response> {
  const file = `${apiDir}${route.path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
  const handler = (await import(/* @vite-ignore */ file))[route.method];
  const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, ids[name]]));
  const url = `/api/v1${route.path.replace(/\{(\w+)\}/g, (_, name) => ids[name])}`;
  return callRoute(handler, {
    method: route.method,
    url,
    params,
    key: "key" in caller ? caller.key : undefined,
    body: route.example,
  });
}

describe("authorization matrix", () => {
  it("gives every caller of every described route the status its permission implies", async () => {
    // Routes that delete go last, so the others still find what they name.
    const routes = [...ROUTES].sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routes) {
      for (const caller of callers) {
        const want = expected(route, caller);
        const status = (await call(route, caller)).status;
        cells += 1;
        const ok = status < 500 && (want === "allowed" ? status !== 401 && status !== 403 : status === want);
        if (!ok) wrong.push(`${route.method} ${route.path} as ${label(caller)}: ${status}, expected ${want}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBe(ROUTES.length * (API_KEY_SCOPES.length + 8));
    console.log(`[authorization] ${cells} cells: ${ROUTES.length} routes × ${API_KEY_SCOPES.length + 8} callers`);
  });

  it("declares for every API-key route a permission that some key scope grants or that is owner-only", () => {
    for (const route of ROUTES) {
      if (!("apiKey" in route.auth)) continue;
      const scope = scopeOf(route.auth.apiKey);
      expect(scope === null || (API_KEY_SCOPES as readonly string[]).includes(scope), `${route.operationId}`).toBe(true);
    }
  });
});
