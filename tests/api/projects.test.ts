// /api/v1/projects through the real route handlers, on a fresh migrated database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as collection from "@/app/api/v1/projects/route";
import * as item from "@/app/api/v1/projects/[projectId]/route";
import type { OpenedDatabase } from "@/lib/db";
import type { ProjectResource } from "@/lib/projects";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

let opened: OpenedDatabase;
let key: string;
let orgId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  const { org } = await createOrgWithUser(opened.db, "owner");
  orgId = org.id;
  key = await createKey(opened.db, orgId, ["projects:read", "projects:write"]);
});

afterAll(async () => {
  await opened?.close();
});

function create(body: unknown, withKey = key) {
  return callRoute(collection.POST, { method: "POST", url: "/api/v1/projects", key: withKey, body });
}

function list(query = "", withKey = key) {
  return callRoute(collection.GET, { url: `/api/v1/projects${query}`, key: withKey });
}

function itemCall(method: "GET" | "PATCH" | "DELETE", projectId: string, body?: unknown) {
  const handler = item[method];
  return callRoute(handler, { method, url: `/api/v1/projects/${projectId}`, key, body, params: { projectId } });
}

function fieldNames(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(fieldNames);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => [k, ...fieldNames(v)]);
  }
  return [];
}

describe("POST /api/v1/projects", () => {
  it("creates a project and answers 201 with the snake_case resource", async () => {
    const response = await create({
      name: "Reverb Deluxe",
      description: "A plate reverb.",
      repository: "studio/reverb-deluxe",
      default_branch: "develop",
      default_platforms: ["macos", "linux"],
      default_formats: ["vst3", "clap"],
      default_release_type: "minor",
      default_flags: { enableActivationKeys: true },
    });
    const body = await expectJson<ProjectResource>(response, 201);
    expect(body).toEqual({
      id: expect.stringMatching(/^proj_[0-9A-Z]{26}$/),
      name: "Reverb Deluxe",
      slug: "reverb-deluxe",
      description: "A plate reverb.",
      repository: "studio/reverb-deluxe",
      default_branch: "develop",
      default_platforms: ["macos", "linux"],
      default_formats: ["vst3", "clap"],
      default_release_type: "minor",
      default_flags: { enableActivationKeys: true },
      trigger_body_signature: false,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_at: expect.any(String),
    });
    const row = await opened.db.project.findUniqueOrThrow({ where: { id: body.id } });
    expect(row.organizationId).toBe(orgId);
  });

  it("never returns the project's secrets, though it stores them encrypted", async () => {
    const response = await create({ name: "Secretive Synth" });
    const body = await expectJson(response, 201);
    expect(fieldNames(body).filter((name) => name.toLowerCase().includes("secret"))).toEqual([]);
    const row = await opened.db.project.findUniqueOrThrow({ where: { id: body.id as string } });
    expect(row.triggerSecretEncrypted).toMatch(/^v1\./);
    expect(row.githubSecretEncrypted).toMatch(/^v1\./);
    const text = JSON.stringify(body);
    expect(text).not.toContain(row.triggerSecretEncrypted);
    expect(text).not.toContain(row.githubSecretEncrypted);
  });

  it("fills in the defaults for optional fields", async () => {
    const body = await expectJson<ProjectResource>(await create({ name: "Minimal" }), 201);
    expect(body).toMatchObject({
      description: null,
      repository: null,
      default_branch: "main",
      default_platforms: ["macos", "windows"],
      default_formats: [],
      default_release_type: "dev",
      default_flags: {},
      trigger_body_signature: false,
    });
  });

  it("answers 422 problem+json naming `name` when the name is missing", async () => {
    const problem = await expectProblem(await create({ description: "no name" }), 422);
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => e.field)).toEqual(["name"]);
    expect(problem.detail).toMatch(/^name: /);
  });

  it("answers 422 naming `repository` when it is not owner/repository", async () => {
    const problem = await expectProblem(await create({ name: "Bad Repo", repository: "https://github.com/a/b" }), 422);
    expect(problem.errors).toEqual([
      { field: "repository", message: "Use the GitHub form owner/repository.", code: "invalid_format" },
    ]);
  });

  it("names the index of an invalid array entry", async () => {
    const problem = await expectProblem(await create({ name: "Bad Platform", default_platforms: ["macos", "Win 64"] }), 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(["default_platforms.1"]);
  });

  it("answers 409 when the organization already has a project with that name", async () => {
    await expectJson(await create({ name: "Twin Delay" }), 201);
    const problem = await expectProblem(await create({ name: "Twin Delay" }), 409);
    expect(problem.code).toBe("conflict");
    expect(problem.detail).toContain("Twin Delay");
  });

  it("answers 400 when the body is not JSON", async () => {
    const response = await callRoute(collection.POST, {
      method: "POST",
      url: "/api/v1/projects",
      key,
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect((await expectProblem(response, 400)).detail).toBe("The body is not valid JSON.");
  });

  it("answers 400 when the body is not sent as application/json", async () => {
    const response = await callRoute(collection.POST, {
      method: "POST",
      url: "/api/v1/projects",
      key,
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ name: "Plain" }),
    });
    expect((await expectProblem(response, 400)).detail).toContain("Content-Type: application/json");
  });
});

describe("GET /api/v1/projects", () => {
  it("pages through the projects with next_cursor", async () => {
    const { org } = await createOrgWithUser(opened.db, "owner");
    const pagingKey = await createKey(opened.db, org.id, ["projects:read", "projects:write"]);
    const created: string[] = [];
    for (const name of ["Alpha", "Beta", "Gamma"]) {
      created.push(((await expectJson(await create({ name }, pagingKey), 201)) as { id: string }).id);
    }

    type ListBody = { data: ProjectResource[]; next_cursor: string | null };
    const first = await expectJson<ListBody>(await list("?limit=2", pagingKey), 200);
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));

    const second = await expectJson<ListBody>(
      await list(`?limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`, pagingKey),
      200,
    );
    expect(second.data).toHaveLength(1);
    expect(second.next_cursor).toBeNull();

    const seen = [...first.data, ...second.data].map((p) => p.id);
    expect([...seen].sort()).toEqual([...created].sort());
    // Newest first: ids (ULIDs) descend across both pages.
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it("answers 422 naming `cursor` for a cursor it did not issue", async () => {
    const problem = await expectProblem(await list("?cursor=bogus"), 422);
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: "cursor", message: "Invalid cursor: pass the next_cursor of a previous page." }),
    ]);
  });

  it("answers 422 naming `limit` when it is out of range", async () => {
    const problem = await expectProblem(await list("?limit=500"), 422);
    expect(problem.errors?.map((e) => e.field)).toEqual(["limit"]);
  });
});

describe("/api/v1/projects/{id}", () => {
  it("returns one project", async () => {
    const created = await expectJson<ProjectResource>(await create({ name: "Get Me" }), 201);
    const body = await expectJson<ProjectResource>(await itemCall("GET", created.id), 200);
    expect(body).toEqual(created);
  });

  it("updates the fields sent", async () => {
    const created = await expectJson<ProjectResource>(
      await create({ name: "Patch Me", description: "before", repository: "a/b" }),
      201,
    );
    const patched = await expectJson<ProjectResource>(
      await itemCall("PATCH", created.id, { description: "after", default_formats: ["au"] }),
      200,
    );
    expect(patched).toMatchObject({
      id: created.id,
      name: "Patch Me",
      description: "after",
      repository: "a/b",
      default_formats: ["au"],
    });
    expect(await expectJson(await itemCall("GET", created.id), 200)).toMatchObject({ description: "after" });
  });

  it("answers 422 naming the field when a PATCH value is invalid", async () => {
    const created = await expectJson<ProjectResource>(await create({ name: "Patch Checks" }), 201);
    const invalid = await expectProblem(await itemCall("PATCH", created.id, { default_branch: "bad branch" }), 422);
    expect(invalid.errors?.map((e) => e.field)).toEqual(["default_branch"]);
  });

  it("keeps the fields a PATCH does not send, including the build defaults", async () => {
    const created = await expectJson<ProjectResource>(
      await create({ name: "Keep Defaults", default_branch: "develop", default_platforms: ["linux"], default_formats: ["clap"] }),
      201,
    );
    const patched = await expectJson<ProjectResource>(await itemCall("PATCH", created.id, { description: "only this" }), 200);
    expect(patched).toMatchObject({
      description: "only this",
      default_branch: "develop",
      default_platforms: ["linux"],
      default_formats: ["clap"],
    });
  });

  it("answers 422 for a PATCH without any field", async () => {
    const created = await expectJson<ProjectResource>(await create({ name: "Empty Patch" }), 201);
    const empty = await expectProblem(await itemCall("PATCH", created.id, {}), 422);
    expect(empty.errors?.[0]?.message).toBe("Send at least one field to change.");
  });

  it("refuses a rename onto another project's name with 409", async () => {
    await expectJson<ProjectResource>(await create({ name: "Taken Name" }), 201);
    const other = await expectJson<ProjectResource>(await create({ name: "Free Name" }), 201);
    const problem = await expectProblem(await itemCall("PATCH", other.id, { name: "Taken Name" }), 409);
    expect(problem.detail).toContain("Taken Name");
  });

  it("deletes a project and answers {id, deleted: true}; it is gone afterwards", async () => {
    const created = await expectJson<ProjectResource>(await create({ name: "Delete Me" }), 201);
    expect(await expectJson(await itemCall("DELETE", created.id), 200)).toEqual({ id: created.id, deleted: true });
    expect(await opened.db.project.findUnique({ where: { id: created.id } })).toBeNull();
    const problem = await expectProblem(await itemCall("GET", created.id), 404);
    expect(problem.detail).toBe(`Project ${created.id} was not found.`);
    await expectProblem(await itemCall("DELETE", created.id), 404);
  });

  it("answers 404 problem+json for an unknown id", async () => {
    const problem = await expectProblem(await itemCall("GET", "proj_01JH0000000000000000000000"), 404);
    expect(problem).toMatchObject({ code: "not_found", instance: "/api/v1/projects/proj_01JH0000000000000000000000" });
  });
});

describe("the default build config (PATCH /api/v1/projects/{id})", () => {
  it("changes the default release type and flags, keeps the rest, and publishes project.updated", async () => {
    const created = await expectJson<ProjectResource>(await create({ name: "Defaults Patch", default_platforms: ["linux"] }), 201);
    const patched = await expectJson<ProjectResource>(
      await itemCall("PATCH", created.id, { default_release_type: "patch", default_flags: { enableActivationKeys: true, betaChannel: false } }),
      200,
    );
    expect(patched).toMatchObject({ default_release_type: "patch", default_flags: { enableActivationKeys: true, betaChannel: false }, default_platforms: ["linux"] });
    expect(await expectJson(await itemCall("GET", created.id), 200)).toMatchObject({ default_release_type: "patch" });

    const cleared = await expectJson<ProjectResource>(await itemCall("PATCH", created.id, { default_flags: {} }), 200);
    expect(cleared).toMatchObject({ default_release_type: "patch", default_flags: {} });

    const updates = await opened.db.message.findMany({ where: { projectId: created.id, type: "project.updated" } });
    expect(updates).toHaveLength(2);
    const audit = await opened.db.auditLog.findFirstOrThrow({ where: { action: "project.updated", targetId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.metadata).toEqual({ fields: ["default_release_type", "default_flags"] });
  });

  it("answers 422 with one field error per invalid default", async () => {
    const created = await expectJson<ProjectResource>(await create({ name: "Defaults Checks" }), 201);
    const problem = await expectProblem(
      await itemCall("PATCH", created.id, { default_release_type: "nightly", default_flags: { "bad name": true, betaChannel: "yes" } }),
      422,
    );
    expect(problem.errors).toEqual([
      { field: "default_release_type", message: "Use one of dev, patch, minor, major, release.", code: "invalid_value" },
      expect.objectContaining({ field: "default_flags.bad name", message: expect.stringContaining("Flag names are identifiers") }),
      expect.objectContaining({ field: "default_flags.betaChannel", message: "Flag values are true or false." }),
    ]);
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`flag${i}`, true]));
    const crowded = await expectProblem(await itemCall("PATCH", created.id, { default_flags: tooMany }), 422);
    expect(crowded.errors).toEqual([expect.objectContaining({ field: "default_flags", message: "At most 50 flags." })]);
    expect(await expectJson(await itemCall("GET", created.id), 200)).toMatchObject({ default_release_type: "dev", default_flags: {} });
  });

  it("needs projects:write to change a project, and projects:read to read one", async () => {
    const created = await expectJson<ProjectResource>(await create({ name: "Defaults Access" }), 201);
    const reader = await createKey(opened.db, orgId, ["projects:read"]);
    const refused = await callRoute(item.PATCH, { method: "PATCH", url: `/api/v1/projects/${created.id}`, key: reader, body: { default_release_type: "major" }, params: { projectId: created.id } });
    expect((await expectProblem(refused, 403)).detail).toContain("projects:write");
    const read = await callRoute(item.GET, { url: `/api/v1/projects/${created.id}`, key: reader, params: { projectId: created.id } });
    expect(await expectJson(read, 200)).toMatchObject({ default_release_type: "dev" });
  });

  it("answers 404 for another organization's project", async () => {
    const created = await expectJson<ProjectResource>(await create({ name: "Defaults Isolation" }), 201);
    const { org } = await createOrgWithUser(opened.db, "owner");
    const stranger = await createKey(opened.db, org.id, ["admin"]);
    const patch = await callRoute(item.PATCH, { method: "PATCH", url: `/api/v1/projects/${created.id}`, key: stranger, body: { default_release_type: "major" }, params: { projectId: created.id } });
    await expectProblem(patch, 404);
    const remove = await callRoute(item.DELETE, { method: "DELETE", url: `/api/v1/projects/${created.id}`, key: stranger, params: { projectId: created.id } });
    await expectProblem(remove, 404);
    expect(await expectJson(await itemCall("GET", created.id), 200)).toMatchObject({ default_release_type: "dev" });
  });
});
