// Changes made through the API leave audit rows naming the key that made them.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as keyItem from "@/app/api/v1/api-keys/[keyId]/route";
import * as keys from "@/app/api/v1/api-keys/route";
import * as projectItem from "@/app/api/v1/projects/[projectId]/route";
import * as projects from "@/app/api/v1/projects/route";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createOrgWithUser, createTestDatabase, findKey } from "../helpers/db";
import { callRoute, expectJson } from "../helpers/http";

// One trusted proxy in front: the client is the address it appended, the last in X-Forwarded-For.
const previousProxies = vi.hoisted(() => {
  const value = process.env.TRUSTED_PROXIES;
  process.env.TRUSTED_PROXIES = "1";
  return value;
});
afterAll(() => {
  if (previousProxies === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = previousProxies;
});

let opened: OpenedDatabase;
let orgId: string;
let adminKey: string;
let adminKeyId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createOrgWithUser(opened.db, "owner")).org.id;
  adminKey = await createKey(opened.db, orgId, ["admin"], { name: "Automation" });
  adminKeyId = (await findKey(opened.db, adminKey)).id;
});

afterAll(async () => {
  await opened?.close();
});

const auditFor = (targetId: string) =>
  opened.db.auditLog.findMany({ where: { organizationId: orgId, targetId }, orderBy: { id: "asc" } });

const byKey = {
  actorType: "api_key",
  actorId: expect.any(String),
  actorLabel: 'API key "Automation"',
  organizationId: expect.any(String),
};

describe("audit log", () => {
  it("records api_key.created and api_key.revoked with the calling key as actor", async () => {
    const created = await expectJson<{ id: string }>(
      await callRoute(keys.POST, {
        method: "POST",
        url: "/api/v1/api-keys",
        key: adminKey,
        body: { name: "Deploy bot", scopes: ["builds:write"] },
        headers: { "user-agent": "audit-test/1.0", "x-forwarded-for": "6.6.6.6, 203.0.113.7" },
      }),
      201,
    );
    await expectJson(
      await callRoute(keyItem.DELETE, {
        method: "DELETE",
        url: `/api/v1/api-keys/${created.id}`,
        key: adminKey,
        params: { keyId: created.id },
      }),
      200,
    );

    const rows = await auditFor(created.id);
    expect(rows.map((r) => r.action)).toEqual(["api_key.created", "api_key.revoked"]);
    for (const row of rows) {
      expect(row).toMatchObject({ ...byKey, actorId: adminKeyId, organizationId: orgId, targetType: "api_key" });
    }
    expect(rows[0]).toMatchObject({
      ip: "203.0.113.7",
      userAgent: "audit-test/1.0",
      metadata: { name: "Deploy bot", scopes: ["builds:write"] },
    });
    expect(JSON.stringify(rows)).not.toContain("cc_live_");
  });

  it("records project.created, project.updated and project.deleted", async () => {
    const project = await expectJson<{ id: string }>(
      await callRoute(projects.POST, { method: "POST", url: "/api/v1/projects", key: adminKey, body: { name: "Audited" } }),
      201,
    );
    const params = { projectId: project.id };
    const url = `/api/v1/projects/${project.id}`;
    await expectJson(await callRoute(projectItem.PATCH, { method: "PATCH", url, key: adminKey, params, body: { description: "x" } }), 200);
    await expectJson(await callRoute(projectItem.DELETE, { method: "DELETE", url, key: adminKey, params }), 200);

    const rows = await auditFor(project.id);
    expect(rows.map((r) => r.action)).toEqual(["project.created", "project.updated", "project.deleted"]);
    for (const row of rows) {
      expect(row).toMatchObject({ ...byKey, actorId: adminKeyId, targetType: "project" });
    }
    expect(rows[0].metadata).toEqual({ name: "Audited" });
  });

  it("writes nothing for a refused request", async () => {
    const readOnly = await createKey(opened.db, orgId, ["projects:read"]);
    const before = await opened.db.auditLog.count({ where: { organizationId: orgId } });
    await callRoute(projects.POST, { method: "POST", url: "/api/v1/projects", key: readOnly, body: { name: "Refused" } });
    await callRoute(projects.POST, { method: "POST", url: "/api/v1/projects", key: adminKey, body: {} });
    expect(await opened.db.auditLog.count({ where: { organizationId: orgId } })).toBe(before);
  });
});
