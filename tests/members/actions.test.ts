// The dashboard's member and organization actions with a signed-in session (mocked as in
// tests/actions/authorization-matrix.test.ts): who may call each, and what each answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { OpenedDatabase } from "@/lib/db";
import { getMembershipRole, type Role } from "@/lib/organizations";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { addMember } from "./fixtures";

const session = vi.hoisted(() => ({ userId: null as string | null }));
const signOut = vi.hoisted(() => vi.fn<(options: { redirectTo: string }) => Promise<void>>(async () => {}));
vi.mock("@/lib/auth/authjs", () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null), signOut }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "cc.example.test", "x-forwarded-proto": "https", "user-agent": "actions" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const members = await import("@/lib/actions/members");
const organizations = await import("@/lib/actions/organizations");

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

beforeEach(() => {
  session.userId = null;
});

async function orgWith(...roles: Role[]) {
  const { org, user: owner } = await createOrgWithUser(opened.db, "owner");
  const others = [];
  for (const role of roles) others.push(await addMember(opened.db, org.id, role));
  return { org, owner, others };
}

describe("member actions", () => {
  it("let owners invite, and show the link built from the request's origin once", async () => {
    const { org, owner, others } = await orgWith("admin");
    session.userId = owner.id;
    const result = await members.createInvitationAction(org.id, { email: "new@example.test", role: "developer" });
    expect(result).toMatchObject({ ok: true, data: { invitation: { email: "new@example.test", role: "developer" }, mail: { status: "off", error: null } } });
    // X-Forwarded-Proto is nobody's word without a trusted proxy (TRUSTED_PROXIES=0 here): the link is on the Host the request came to.
    expect(result.ok && result.data.url).toMatch(/^http:\/\/cc\.example\.test\/invite\/[A-Za-z0-9_-]{43}$/);

    session.userId = others[0].id;
    expect(await members.createInvitationAction(org.id, { email: "x@example.test", role: "viewer" })).toEqual({ ok: false, error: "This needs the owner role or higher." });
  });

  it("refuse to demote or remove the last owner with a clear message", async () => {
    const { org, owner } = await orgWith("viewer");
    session.userId = owner.id;
    expect(await members.changeMemberRoleAction(org.id, { userId: owner.id, role: "viewer" })).toEqual({
      ok: false,
      error: `${owner.email} is the last owner of ${org.name} and cannot be demoted. Make another member an owner first.`,
    });
    expect(await members.removeMemberAction(org.id, { userId: owner.id })).toMatchObject({ ok: false, error: expect.stringMatching(/last owner .* cannot be removed/) });
    expect(await getMembershipRole(opened.db, org.id, owner.id)).toBe("owner");
  });

  it("let owners change roles (making owners too) and remove members", async () => {
    const { org, owner, others } = await orgWith("developer", "viewer");
    session.userId = owner.id;
    expect(await members.changeMemberRoleAction(org.id, { userId: others[0].id, role: "owner" })).toMatchObject({ ok: true, data: { role: "owner" } });
    expect(await members.removeMemberAction(org.id, { userId: others[1].id })).toMatchObject({ ok: true, data: { user_id: others[1].id } });
    expect(await getMembershipRole(opened.db, org.id, others[1].id)).toBeNull();
  });

  it("refuse a role that does not exist with a field error", async () => {
    const { org, owner, others } = await orgWith("developer");
    session.userId = owner.id;
    const result = await members.changeMemberRoleAction(org.id, { userId: others[0].id, role: "god" as Role });
    expect(result).toMatchObject({ ok: false, fieldErrors: [{ field: "role" }] });
  });
});

describe("organization actions", () => {
  it("create an organization for anyone signed in, who becomes its owner", async () => {
    expect(await organizations.createOrganizationAction({ name: "Nope" })).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
    const { user } = await createOrgWithUser(opened.db, "viewer");
    session.userId = user.id;
    expect(await organizations.createOrganizationAction({ name: "   " })).toMatchObject({ ok: false, fieldErrors: [{ field: "name", message: "Give the organization a name." }] });
    const created = await organizations.createOrganizationAction({ name: "  Night Shift Audio " });
    expect(created).toMatchObject({ ok: true, data: { name: "Night Shift Audio" } });
    expect(await getMembershipRole(opened.db, created.ok ? created.data.id : "", user.id)).toBe("owner");
  });

  it("let any member but the last owner leave, landing in another organization", async () => {
    const { org, owner, others } = await orgWith("viewer");
    session.userId = others[0].id;
    const left = await organizations.leaveOrganizationAction(org.id, {});
    expect(left).toMatchObject({ ok: true, data: { next: expect.stringMatching(/^\/orgs\/org_/) } });
    expect(await getMembershipRole(opened.db, org.id, others[0].id)).toBeNull();

    session.userId = owner.id;
    expect(await organizations.leaveOrganizationAction(org.id, {})).toMatchObject({ ok: false, error: expect.stringMatching(/^You are the last owner/) });
  });

  it("delete an organization only for an owner who types its name, then land in another or on creating one", async () => {
    const { org, owner, others } = await orgWith("admin");
    session.userId = others[0].id;
    expect(await organizations.deleteOrganizationAction(org.id, { confirm_name: org.name })).toEqual({ ok: false, error: "This needs the owner role or higher." });

    session.userId = owner.id;
    expect(await organizations.deleteOrganizationAction(org.id, { confirm_name: "wrong" })).toMatchObject({
      ok: false,
      fieldErrors: [{ field: "confirm_name" }],
    });
    // Their only organization: next is creating one.
    expect(await organizations.deleteOrganizationAction(org.id, { confirm_name: org.name })).toEqual({ ok: true, data: { id: org.id, name: org.name, next: "/orgs/new" } });
    expect(await opened.db.organization.findUnique({ where: { id: org.id } })).toBeNull();

    // Another organization of theirs: next is that one.
    const second = await orgWith();
    const other = await createOrgWithUser(opened.db, "owner");
    await opened.db.membership.create({ data: { id: `mem_${second.owner.id.slice(4)}`, organizationId: other.org.id, userId: second.owner.id, role: "viewer" } });
    session.userId = second.owner.id;
    expect(await organizations.deleteOrganizationAction(second.org.id, { confirm_name: second.org.name })).toMatchObject({ ok: true, data: { next: `/orgs/${other.org.id}` } });
  });

  it("sign out of an invitation page back to the same invitation", async () => {
    const form = new FormData();
    form.set("token", "A".repeat(43));
    await organizations.signOutToInvitationAction(form);
    expect(signOut).toHaveBeenLastCalledWith({ redirectTo: `/invite/${"A".repeat(43)}` });
    form.set("token", "https://evil.example/");
    await organizations.signOutToInvitationAction(form);
    expect(signOut).toHaveBeenLastCalledWith({ redirectTo: "/sign-in" });
  });
});

describe("authorization of the organization actions", () => {
  it("refuses non-members and signed-out callers of every organization action", async () => {
    const { org } = await orgWith();
    const { user: stranger } = await createOrgWithUser(opened.db, "owner");
    const calls = [
      () => organizations.deleteOrganizationAction(org.id, { confirm_name: org.name }),
      () => organizations.leaveOrganizationAction(org.id, {}),
      () => members.createInvitationAction(org.id, { email: "a@example.test", role: "viewer" }),
      () => members.revokeInvitationAction(org.id, { invitationId: "inv_01JH6ZG7H8J9K0MNPQRSTVWXYZ" }),
      () => members.changeMemberRoleAction(org.id, { userId: stranger.id, role: "viewer" }),
      () => members.removeMemberAction(org.id, { userId: stranger.id }),
    ];
    for (const call of calls) {
      session.userId = null;
      expect(await call()).toEqual({ ok: false, error: "Your session has ended. Sign in again." });
      session.userId = stranger.id;
      expect(await call()).toEqual({ ok: false, error: "You are not a member of this organization." });
    }
    expect(await opened.db.organization.findUnique({ where: { id: org.id } })).not.toBeNull();
  });
});
