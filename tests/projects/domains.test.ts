// A project's custom domains through /api/v1/projects/{id}/domains[/{domain_id}]: add, list,
// remove, duplicates, hostname validation, the per-project cap and organization isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as domainsRoute from "@/app/api/v1/projects/[projectId]/domains/route";
import * as domainItem from "@/app/api/v1/projects/[projectId]/domains/[domainId]/route";
import { systemActor } from "@/lib/audit";
import { MAX_DOMAINS_PER_PROJECT, type DomainResource } from "@/lib/builds";
import type { OpenedDatabase } from "@/lib/db";
import { newId } from "@/lib/db";
import { createProject } from "@/lib/projects";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

let opened: OpenedDatabase;
let orgId: string;
let key: string;
let reader: string;
let projects = 0;

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createOrgWithUser(opened.db)).org.id;
  key = await createKey(opened.db, orgId, ["projects:read", "projects:write"]);
  reader = await createKey(opened.db, orgId, ["projects:read"]);
});
afterAll(() => opened?.close());

async function newProject(org = orgId) {
  projects += 1;
  return createProject(opened.db, org, { name: `Domains ${projects}`, default_branch: "main", default_platforms: ["macos"], default_formats: [] }, systemActor);
}

const add = (projectId: string, hostname: unknown, k = key) =>
  callRoute(domainsRoute.POST, { method: "POST", url: `/api/v1/projects/${projectId}/domains`, key: k, body: { hostname }, params: { projectId } });
const list = (projectId: string, k = key) => callRoute(domainsRoute.GET, { url: `/api/v1/projects/${projectId}/domains`, key: k, params: { projectId } });
const remove = (projectId: string, domainId: string, k = key) =>
  callRoute(domainItem.DELETE, { method: "DELETE", url: `/api/v1/projects/${projectId}/domains/${domainId}`, key: k, params: { projectId, domainId } });

describe("custom domains", () => {
  it("adds a domain (lower-cased), lists it with the time it was added, publishes domain.added and audits it", async () => {
    const project = await newProject();
    const domain = await expectJson<DomainResource>(await add(project.id, "  Plugin.Example.COM "), 201);
    expect(domain).toEqual({ id: expect.stringMatching(/^dom_/), project_id: project.id, hostname: "plugin.example.com", verified: false, created_at: expect.any(String) });
    const listed = await expectJson<{ data: DomainResource[]; next_cursor: null }>(await list(project.id, reader), 200);
    expect(listed).toEqual({ data: [domain], next_cursor: null });

    const message = await opened.db.message.findFirstOrThrow({ where: { projectId: project.id, type: "domain.added" } });
    expect(message.payload).toEqual({ domain: { id: domain.id, hostname: "plugin.example.com", project_id: project.id }, project: { id: project.id, name: project.name } });
    const audit = await opened.db.auditLog.findFirstOrThrow({ where: { action: "domain.added", targetId: domain.id } });
    expect(audit.metadata).toMatchObject({ hostname: "plugin.example.com", project_id: project.id });
  });

  it("removes a domain with {id, deleted: true}, audits it, and answers 404 the second time", async () => {
    const project = await newProject();
    const domain = await expectJson<DomainResource>(await add(project.id, "old.example.com"), 201);
    expect(await expectJson(await remove(project.id, domain.id), 200)).toEqual({ id: domain.id, deleted: true });
    expect((await expectJson<{ data: unknown[] }>(await list(project.id), 200)).data).toEqual([]);
    const audit = await opened.db.auditLog.findFirstOrThrow({ where: { action: "domain.removed", targetId: domain.id } });
    expect(audit.metadata).toMatchObject({ hostname: "old.example.com" });
    const again = await expectProblem(await remove(project.id, domain.id), 404);
    expect(again.detail).toBe(`Domain ${domain.id} was not found.`);
    // The hostname can be added again afterwards.
    await expectJson(await add(project.id, "old.example.com"), 201);
  });

  it("answers 409 with a clear message for a hostname the project already has, also when added twice at once", async () => {
    const project = await newProject();
    await expectJson(await add(project.id, "dup.example.com"), 201);
    const problem = await expectProblem(await add(project.id, "DUP.example.com"), 409);
    expect(problem).toMatchObject({ code: "conflict", detail: `dup.example.com is already a domain of ${project.name}.` });

    const answers = await Promise.all([add(project.id, "race.example.com"), add(project.id, "race.example.com")]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await opened.db.domain.count({ where: { projectId: project.id, hostname: "race.example.com" } })).toBe(1);

    // Another project may use the same hostname.
    await expectJson(await add((await newProject()).id, "dup.example.com"), 201);
  });

  it.each([
    ["https://plugin.example.com", "without http:// or https://"],
    ["plugin.example.com/path", "without a path"],
    ["plugin.example.com:8443", "without a port"],
    ["192.168.1.10", "not an IP address"],
    ["[2001:db8::1]", "not an IP address"],
    ["2001:db8::1", "not an IP address"],
    ["localhost", "at least one dot"],
    ["plugin..example.com", "two dots in a row"],
    ["plugin.example.com.", "end with a dot"],
    ["-plugin.example.com", "start or end with a hyphen"],
    [`${"a".repeat(64)}.example.com`, "at most 63 characters"],
    [`${"a.".repeat(127)}com`, "at most 253 characters"],
    ["*.example.com", "letters a–z, digits, hyphens and dots only"],
    ["plugin_1.example.com", "letters a–z, digits, hyphens and dots only"],
    ["bücher.example", "xn-- form"],
    ["example.123", "cannot be all digits"],
    ["", "Enter a hostname"],
  ])("refuses %j with a field error saying why (%s)", async (hostname, reason) => {
    const project = await newProject();
    const problem = await expectProblem(await add(project.id, hostname), 422);
    expect(problem.errors).toEqual([expect.objectContaining({ field: "hostname", message: expect.stringContaining(reason) })]);
    expect(await opened.db.domain.count({ where: { projectId: project.id } })).toBe(0);
  });

  it("accepts the longest names a label and a hostname may have, and xn-- names", async () => {
    const project = await newProject();
    const longest = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`;
    expect(longest).toHaveLength(253);
    await expectJson(await add(project.id, longest), 201);
    await expectJson(await add(project.id, "xn--bcher-kva.example"), 201);
    await expectJson(await add(project.id, "a-b.c-d.io"), 201);
  });

  it(`refuses more than ${MAX_DOMAINS_PER_PROJECT} domains per project with 409`, async () => {
    const project = await newProject();
    await opened.db.domain.createMany({
      data: Array.from({ length: MAX_DOMAINS_PER_PROJECT }, (_, i) => ({ id: newId("dom"), projectId: project.id, hostname: `d${i}.example.com` })),
    });
    const problem = await expectProblem(await add(project.id, "one-more.example.com"), 409);
    expect(problem.detail).toContain(`already has ${MAX_DOMAINS_PER_PROJECT} domains`);
  });

  it("needs projects:write to add or remove, and projects:read to list", async () => {
    const project = await newProject();
    const domain = await expectJson<DomainResource>(await add(project.id, "perm.example.com"), 201);
    expect((await expectProblem(await add(project.id, "other.example.com", reader), 403)).detail).toContain("projects:write");
    await expectProblem(await remove(project.id, domain.id, reader), 403);
    const buildsOnly = await createKey(opened.db, orgId, ["builds:read"]);
    await expectProblem(await list(project.id, buildsOnly), 403);
    expect((await expectJson<{ data: unknown[] }>(await list(project.id), 200)).data).toHaveLength(1);
  });

  it("keeps organizations and projects apart: another's domain or project is 404", async () => {
    const project = await newProject();
    const domain = await expectJson<DomainResource>(await add(project.id, "mine.example.com"), 201);
    const { org } = await createOrgWithUser(opened.db);
    const stranger = await createKey(opened.db, org.id, ["admin"]);
    await expectProblem(await list(project.id, stranger), 404);
    await expectProblem(await add(project.id, "theirs.example.com", stranger), 404);
    await expectProblem(await remove(project.id, domain.id, stranger), 404);

    // The domain named through a different project of the same organization is not found either.
    const sibling = await newProject();
    await expectProblem(await remove(sibling.id, domain.id), 404);
    await expectProblem(await remove(project.id, "not-an-id"), 404);
    expect((await expectJson<{ data: unknown[] }>(await list(project.id), 200)).data).toHaveLength(1);
  });

  it("removes the domains with their project", async () => {
    const project = await newProject();
    await expectJson(await add(project.id, "gone.example.com"), 201);
    await opened.db.project.delete({ where: { id: project.id } });
    expect(await opened.db.domain.count({ where: { projectId: project.id } })).toBe(0);
  });
});
