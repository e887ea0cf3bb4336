// The Settings tab's server actions: field errors keep the body's own paths, domains and
// deletion go through the same services as the API, viewers are refused.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { createProject } from "@/lib/projects";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("@/lib/auth/authjs", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "user-agent": "settings-test" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const actions = await import("@/lib/actions/projects");

let opened: OpenedDatabase;
let orgId: string;
let developer: string;
let viewer: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  const owner = await createOrgWithUser(opened.db, "developer");
  orgId = owner.org.id;
  developer = owner.user.id;
  const other = await createOrgWithUser(opened.db, "owner");
  await opened.db.membership.create({ data: { id: `mem_${other.user.id.slice(4)}`, organizationId: orgId, userId: other.user.id, role: "viewer" } });
  viewer = other.user.id;
});
afterAll(() => opened?.close());

const project = (name: string) => createProject(opened.db, orgId, { name, default_branch: "main", default_platforms: ["macos"], default_formats: [] }, systemActor);

describe("project settings actions", () => {
  it("save the settings and answer the project, or field errors at the body's paths", async () => {
    session.userId = developer;
    const p = await project("Settings Save");
    const saved = await actions.updateProjectAction(orgId, { projectId: p.id, description: "Saved here", default_release_type: "patch", default_flags: { beta: true } });
    expect(saved).toEqual({ ok: true, data: expect.objectContaining({ description: "Saved here", default_release_type: "patch", default_flags: { beta: true } }) });

    const refused = await actions.updateProjectAction(orgId, { projectId: p.id, name: "", repository: "not a repo", default_flags: { "1st": true } });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.fieldErrors?.map((e) => e.field)).toEqual(["name", "repository", "default_flags.1st"]);
  });

  it("add, list and remove domains; a duplicate is refused with a message", async () => {
    session.userId = developer;
    const p = await project("Settings Domains");
    const added = await actions.addDomainAction(orgId, { projectId: p.id, hostname: "App.Example.com" });
    expect(added).toEqual({ ok: true, data: expect.objectContaining({ hostname: "app.example.com" }) });
    expect(await actions.addDomainAction(orgId, { projectId: p.id, hostname: "app.example.com" })).toEqual({ ok: false, error: `app.example.com is already a domain of ${p.name}.` });
    const invalid = await actions.addDomainAction(orgId, { projectId: p.id, hostname: "https://app.example.com" });
    expect(!invalid.ok && invalid.fieldErrors?.map((e) => e.field)).toEqual(["hostname"]);
    const listed = await actions.listDomainsAction(orgId, { projectId: p.id });
    expect(listed.ok && listed.data.map((d) => d.hostname)).toEqual(["app.example.com"]);
    const id = added.ok ? added.data.id : "";
    expect(await actions.removeDomainAction(orgId, { projectId: p.id, domainId: id })).toEqual({ ok: true, data: expect.objectContaining({ id }) });
  });

  it("let a viewer read the domains but not change the project, its domains or delete it", async () => {
    const p = await project("Settings Viewer");
    session.userId = viewer;
    expect((await actions.listDomainsAction(orgId, { projectId: p.id })).ok).toBe(true);
    const refusal = { ok: false, error: "This needs the developer role or higher." };
    expect(await actions.updateProjectAction(orgId, { projectId: p.id, description: "no" })).toEqual(refusal);
    expect(await actions.addDomainAction(orgId, { projectId: p.id, hostname: "v.example.com" })).toEqual(refusal);
    expect(await actions.deleteProjectAction(orgId, { projectId: p.id })).toEqual(refusal);
    expect(await opened.db.project.count({ where: { id: p.id } })).toBe(1);
  });

  it("delete the project with its domains, and publish project.deleted", async () => {
    session.userId = developer;
    const p = await project("Settings Delete");
    await actions.addDomainAction(orgId, { projectId: p.id, hostname: "bye.example.com" });
    expect(await actions.deleteProjectAction(orgId, { projectId: p.id })).toEqual({ ok: true, data: { id: p.id, name: p.name } });
    expect(await opened.db.project.count({ where: { id: p.id } })).toBe(0);
    expect(await opened.db.domain.count({ where: { projectId: p.id } })).toBe(0);
    expect(await opened.db.message.count({ where: { projectId: p.id, type: "project.deleted" } })).toBe(1);
    expect(await actions.deleteProjectAction(orgId, { projectId: p.id })).toEqual({ ok: false, error: `Project ${p.id} was not found.` });
  });
});
