// Organizations never see each other: another organization's objects answer 404, not 403.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as keyItem from "@/app/api/v1/api-keys/[keyId]/route";
import * as keys from "@/app/api/v1/api-keys/route";
import * as projectItem from "@/app/api/v1/projects/[projectId]/route";
import * as projects from "@/app/api/v1/projects/route";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createOrgWithUser, createTestDatabase, findKey } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

let opened: OpenedDatabase;
let keyA: string;
let keyB: string;
let projectOfA: string;
let projectOfB: string;

async function createProject(key: string, name: string) {
  const response = await callRoute(projects.POST, { method: "POST", url: "/api/v1/projects", key, body: { name } });
  return (await expectJson<{ id: string }>(response, 201)).id;
}

beforeAll(async () => {
  opened = await createTestDatabase();
  const a = await createOrgWithUser(opened.db, "owner");
  const b = await createOrgWithUser(opened.db, "owner");
  keyA = await createKey(opened.db, a.org.id, ["admin"]);
  keyB = await createKey(opened.db, b.org.id, ["admin"]);
  projectOfA = await createProject(keyA, "Shared Name");
  // The same name in another organization is no conflict.
  projectOfB = await createProject(keyB, "Shared Name");
});

afterAll(async () => {
  await opened?.close();
});

const onProject = (method: "GET" | "PATCH" | "DELETE", projectId: string, key: string, body?: unknown) =>
  callRoute(projectItem[method], { method, url: `/api/v1/projects/${projectId}`, key, body, params: { projectId } });

describe("cross-organization isolation", () => {
  it("answers 404 when org A reads org B's project", async () => {
    const problem = await expectProblem(await onProject("GET", projectOfB, keyA), 404);
    expect(problem.detail).toBe(`Project ${projectOfB} was not found.`);
  });

  it("answers 404 when org A updates org B's project, and leaves it unchanged", async () => {
    await expectProblem(await onProject("PATCH", projectOfB, keyA, { name: "Hijacked" }), 404);
    expect((await opened.db.project.findUniqueOrThrow({ where: { id: projectOfB } })).name).toBe("Shared Name");
  });

  it("answers 404 when org A deletes org B's project, and leaves it in place", async () => {
    await expectProblem(await onProject("DELETE", projectOfB, keyA), 404);
    expect(await opened.db.project.findUnique({ where: { id: projectOfB } })).not.toBeNull();
    await expectJson(await onProject("GET", projectOfB, keyB), 200);
  });

  it("lists only the caller's own projects", async () => {
    const listA = await expectJson<{ data: { id: string }[] }>(await callRoute(projects.GET, { url: "/api/v1/projects", key: keyA }), 200);
    const listB = await expectJson<{ data: { id: string }[] }>(await callRoute(projects.GET, { url: "/api/v1/projects", key: keyB }), 200);
    expect(listA.data.map((p) => p.id)).toEqual([projectOfA]);
    expect(listB.data.map((p) => p.id)).toEqual([projectOfB]);
  });

  it("answers 404 when org A revokes org B's key, which keeps working", async () => {
    const idOfB = (await findKey(opened.db, keyB)).id;
    await expectProblem(
      await callRoute(keyItem.DELETE, { method: "DELETE", url: `/api/v1/api-keys/${idOfB}`, key: keyA, params: { keyId: idOfB } }),
      404,
    );
    expect((await findKey(opened.db, keyB)).revokedAt).toBeNull();
    await expectJson(await callRoute(projects.GET, { url: "/api/v1/projects", key: keyB }), 200);
  });

  it("lists only the caller's own API keys", async () => {
    const list = await expectJson<{ data: { id: string }[] }>(await callRoute(keys.GET, { url: "/api/v1/api-keys", key: keyA }), 200);
    expect(list.data.map((k) => k.id)).toEqual([(await findKey(opened.db, keyA)).id]);
  });
});
