// The API-key guard every /api/v1 route is wrapped in: who may call, and what they are told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as projects from "@/app/api/v1/projects/route";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createOrgWithUser, createTestDatabase, findKey } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

let opened: OpenedDatabase;
let orgId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createOrgWithUser(opened.db, "owner")).org.id;
});

afterAll(async () => {
  await opened?.close();
});

const listProjects = (headers: Record<string, string> = {}) =>
  callRoute(projects.GET, { url: "/api/v1/projects", headers });

describe("API key authentication", () => {
  it("answers 401 problem+json without an Authorization header, saying how to send one", async () => {
    const problem = await expectProblem(await listProjects(), 401);
    expect(problem).toMatchObject({ code: "unauthorized", title: "Unauthorized", instance: "/api/v1/projects" });
    expect(problem.detail).toContain("Authorization: Bearer cc_live_");
  });

  it("answers 401 for an Authorization header that is not a bearer token", async () => {
    const key = await createKey(opened.db, orgId, ["projects:read"]);
    await expectProblem(await listProjects({ authorization: `Basic ${key}` }), 401);
    await expectProblem(await listProjects({ authorization: "Bearer" }), 401);
  });

  it("answers 401 for a token without the cc_live_ prefix", async () => {
    const key = await createKey(opened.db, orgId, ["projects:read"]);
    const problem = await expectProblem(await listProjects({ authorization: `Bearer ${key.replace("cc_live_", "cc_test_")}` }), 401);
    expect(problem.detail).toContain("keys start with `cc_live_`");
  });

  it("answers 401 for a well-formed key that does not exist", async () => {
    const problem = await expectProblem(await listProjects({ authorization: `Bearer cc_live_${"x".repeat(43)}` }), 401);
    expect(problem.detail).toBe("Invalid API key: it does not exist, was revoked, or has expired.");
  });

  it("accepts a valid key, case-insensitively on the Bearer keyword", async () => {
    const key = await createKey(opened.db, orgId, ["projects:read"]);
    await expectJson(await listProjects({ authorization: `bearer ${key}` }), 200);
  });

  it("answers 401 for a revoked key", async () => {
    const key = await createKey(opened.db, orgId, ["projects:read"]);
    await expectJson(await listProjects({ authorization: `Bearer ${key}` }), 200);
    await opened.db.apiKey.update({ where: { id: (await findKey(opened.db, key)).id }, data: { revokedAt: new Date() } });
    const problem = await expectProblem(await listProjects({ authorization: `Bearer ${key}` }), 401);
    expect(problem.detail).toBe("Invalid API key: it does not exist, was revoked, or has expired.");
  });

  it("accepts a key before its expiry and answers 401 after it", async () => {
    const key = await createKey(opened.db, orgId, ["projects:read"], {
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await expectJson(await listProjects({ authorization: `Bearer ${key}` }), 200);
    await opened.db.apiKey.update({
      where: { id: (await findKey(opened.db, key)).id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const problem = await expectProblem(await listProjects({ authorization: `Bearer ${key}` }), 401);
    expect(problem.detail).toBe("Invalid API key: it does not exist, was revoked, or has expired.");
  });

  it("answers 403 naming the missing scope when the key lacks it", async () => {
    const key = await createKey(opened.db, orgId, ["builds:read"]);
    const response = await callRoute(projects.POST, { method: "POST", url: "/api/v1/projects", key, body: { name: "Nope" } });
    const problem = await expectProblem(response, 403);
    expect(problem.code).toBe("forbidden");
    expect(problem.detail).toBe("This API key needs the `projects:write` scope.");
    expect(await opened.db.project.count({ where: { organizationId: orgId, name: "Nope" } })).toBe(0);
  });

  it("lets the admin scope do what any scope allows", async () => {
    const key = await createKey(opened.db, orgId, ["admin"]);
    const response = await callRoute(projects.POST, { method: "POST", url: "/api/v1/projects", key, body: { name: "By Admin" } });
    await expectJson(response, 201);
  });

  it("records when a key was last used", async () => {
    const key = await createKey(opened.db, orgId, ["projects:read"]);
    expect((await findKey(opened.db, key)).lastUsedAt).toBeNull();
    const before = Date.now();
    await expectJson(await listProjects({ authorization: `Bearer ${key}` }), 200);
    const lastUsedAt = (await findKey(opened.db, key)).lastUsedAt;
    expect(lastUsedAt).toBeInstanceOf(Date);
    expect(lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(lastUsedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it("does not rewrite last-used on every request within a minute", async () => {
    const key = await createKey(opened.db, orgId, ["projects:read"]);
    await expectJson(await listProjects({ authorization: `Bearer ${key}` }), 200);
    const first = (await findKey(opened.db, key)).lastUsedAt;
    await expectJson(await listProjects({ authorization: `Bearer ${key}` }), 200);
    expect((await findKey(opened.db, key)).lastUsedAt).toEqual(first);
  });
});
