// Members (docs/security.md#members-and-invitations): the list's fields, role changes and
// removals by owners and admin keys, the last-owner rule in every form, admin keys never
// touching owners, audit rows, and another organization's members answering 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as membersRoute from "@/app/api/v1/members/route";
import * as memberRoute from "@/app/api/v1/members/[userId]/route";
import { credentialConsequences } from "@/lib/auth";
import type { OpenedDatabase } from "@/lib/db";
import { changeMemberRole, getMembershipRole, leaveOrganization, removeMember } from "@/lib/organizations";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { addMember, auditActions, userActor } from "./fixtures";

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

const owners = { owners: true };

async function setup() {
  const { org, user: owner } = await createOrgWithUser(opened.db, "owner");
  const key = await createKey(opened.db, org.id, ["admin"]);
  return { org, owner, key, db: opened.db };
}

const patch = (key: string, userId: string, body: unknown) =>
  callRoute(memberRoute.PATCH, { method: "PATCH", url: `/api/v1/members/${userId}`, key, params: { userId }, body });
const remove = (key: string, userId: string) => callRoute(memberRoute.DELETE, { method: "DELETE", url: `/api/v1/members/${userId}`, key, params: { userId } });

describe("GET /api/v1/members", () => {
  it("lists user_id, email, name, role and joined_at of each member, newest first, to any key with projects:read", async () => {
    const { org, owner } = await setup();
    const dev = await addMember(opened.db, org.id, "developer");
    const reader = await createKey(opened.db, org.id, ["projects:read"]);
    const list = await expectJson<{ data: Record<string, unknown>[]; next_cursor: string | null }>(await callRoute(membersRoute.GET, { url: "/api/v1/members", key: reader }), 200);
    expect(list.data).toEqual([
      { user_id: dev.id, email: dev.email, name: "Test User", role: "developer", joined_at: expect.any(String) },
      { user_id: owner.id, email: owner.email, name: "Test User", role: "owner", joined_at: expect.any(String) },
    ]);
    expect(list.next_cursor).toBeNull();
    const page = await expectJson<{ data: unknown[]; next_cursor: string }>(await callRoute(membersRoute.GET, { url: "/api/v1/members?limit=1", key: reader }), 200);
    expect(page.data).toHaveLength(1);
    const rest = await expectJson<{ data: { user_id: string }[] }>(await callRoute(membersRoute.GET, { url: `/api/v1/members?limit=1&cursor=${page.next_cursor}`, key: reader }), 200);
    expect(rest.data.map((m) => m.user_id)).toEqual([owner.id]);

    const writerOnly = await createKey(opened.db, org.id, ["webhooks:write"]);
    expect((await expectProblem(await callRoute(membersRoute.GET, { url: "/api/v1/members", key: writerOnly }), 403)).detail).toBe(
      "This API key needs the `projects:read` scope.",
    );
  });
});

describe("changing roles and removing members", () => {
  it("lets an admin key change a non-owner's role and remove them, audited", async () => {
    const { org, key, db } = await setup();
    const dev = await addMember(db, org.id, "developer");
    const changed = await expectJson(await patch(key, dev.id, { role: "viewer" }), 200);
    expect(changed).toMatchObject({ user_id: dev.id, role: "viewer" });
    expect(await expectJson(await remove(key, dev.id), 200)).toMatchObject({ user_id: dev.id, role: "viewer", deleted: true });
    expect(await getMembershipRole(db, org.id, dev.id)).toBeNull();

    const rows = await db.auditLog.findMany({ where: { organizationId: org.id, action: { startsWith: "member." } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.action, r.targetId, r.metadata])).toEqual([
      ["member.role_changed", dev.id, { email: dev.email, from: "developer", to: "viewer" }],
      ["member.removed", dev.id, { email: dev.email, role: "viewer" }],
    ]);
    expect(rows[0].actorType).toBe("api_key");
  });

  it("never lets an admin key make, demote or remove an owner", async () => {
    const { org, owner, key, db } = await setup();
    const secondOwner = await addMember(db, org.id, "owner");
    const dev = await addMember(db, org.id, "developer");
    for (const response of [await patch(key, dev.id, { role: "owner" }), await patch(key, secondOwner.id, { role: "admin" }), await remove(key, secondOwner.id), await remove(key, owner.id)]) {
      expect((await expectProblem(response, 403)).detail).toMatch(/Only owners can make, demote or remove owners/);
    }
    expect(await getMembershipRole(db, org.id, dev.id)).toBe("developer");
    expect(await getMembershipRole(db, org.id, secondOwner.id)).toBe("owner");
    expect(await auditActions(db, org.id)).not.toContain("member.role_changed");
  });

  it("lets an owner make and demote owners", async () => {
    const { org, owner, db } = await setup();
    const dev = await addMember(db, org.id, "developer");
    await changeMemberRole(db, org.id, dev.id, "owner", userActor(owner), owners, credentialConsequences);
    expect(await getMembershipRole(db, org.id, dev.id)).toBe("owner");
    await changeMemberRole(db, org.id, owner.id, "admin", userActor(owner), owners, credentialConsequences);
    expect(await getMembershipRole(db, org.id, owner.id)).toBe("admin");
  });

  it("refuses invalid roles and bodies", async () => {
    const { org, key } = await setup();
    const dev = await addMember(opened.db, org.id, "developer");
    expect((await expectProblem(await patch(key, dev.id, { role: "superuser" }), 422)).errors?.[0].field).toBe("role");
    await expectProblem(await patch(key, dev.id, {}), 422);
  });
});

describe("the last owner", () => {
  it("cannot be demoted", async () => {
    const { org, owner, db } = await setup();
    await expect(changeMemberRole(db, org.id, owner.id, "admin", userActor(owner), owners, credentialConsequences)).rejects.toThrow(
      `${owner.email} is the last owner of ${org.name} and cannot be demoted. Make another member an owner first.`,
    );
    expect(await getMembershipRole(db, org.id, owner.id)).toBe("owner");
  });

  it("cannot be removed", async () => {
    const { org, owner, db } = await setup();
    const error = await removeMember(db, org.id, owner.id, userActor(owner), owners, credentialConsequences).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, message: `${owner.email} is the last owner of ${org.name} and cannot be removed. Make another member an owner first.` });
    expect(await getMembershipRole(db, org.id, owner.id)).toBe("owner");
  });

  it("cannot leave", async () => {
    const { org, owner, db } = await setup();
    await expect(leaveOrganization(db, org.id, owner.id, userActor(owner), credentialConsequences)).rejects.toMatchObject({
      status: 409,
      message: `You are the last owner of ${org.name} and cannot leave. Make another member an owner first, or delete the organization.`,
    });
    expect(await getMembershipRole(db, org.id, owner.id)).toBe("owner");
  });

  it("can leave, be demoted or removed once another owner exists, and then the other one is the last", async () => {
    const { org, owner, db } = await setup();
    const other = await addMember(db, org.id, "owner");
    await changeMemberRole(db, org.id, owner.id, "developer", userActor(owner), owners, credentialConsequences);
    await expect(changeMemberRole(db, org.id, other.id, "developer", userActor(other), owners, credentialConsequences)).rejects.toMatchObject({ status: 409 });
    await leaveOrganization(db, org.id, owner.id, userActor(owner), credentialConsequences);
    expect(await getMembershipRole(db, org.id, owner.id)).toBeNull();
    await expect(leaveOrganization(db, org.id, other.id, userActor(other), credentialConsequences)).rejects.toMatchObject({ status: 409 });
    expect(await auditActions(db, org.id)).toEqual(expect.arrayContaining(["member.role_changed", "member.left"]));
  });

  it("survives two owners demoting each other at the same time", async () => {
    const { org, owner, db } = await setup();
    const other = await addMember(db, org.id, "owner");
    const results = await Promise.allSettled([
      changeMemberRole(db, org.id, other.id, "admin", userActor(owner), owners, credentialConsequences),
      changeMemberRole(db, org.id, owner.id, "admin", userActor(other), owners, credentialConsequences),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db.membership.count({ where: { organizationId: org.id, role: "owner" } })).toBe(1);
  });

  it("lets any member but the last owner leave, audited", async () => {
    const { org, db } = await setup();
    const viewer = await addMember(db, org.id, "viewer");
    await leaveOrganization(db, org.id, viewer.id, userActor(viewer), credentialConsequences);
    const row = await db.auditLog.findFirstOrThrow({ where: { organizationId: org.id, action: "member.left" } });
    expect(row).toMatchObject({ actorId: viewer.id, targetId: viewer.id, metadata: { email: viewer.email, role: "viewer" } });
  });
});

describe("isolation", () => {
  it("answers 404 for members of another organization, even a user who is in both", async () => {
    const a = await setup();
    const b = await setup();
    const onlyB = await addMember(opened.db, b.org.id, "developer");
    const both = await addMember(opened.db, b.org.id, "developer");
    await opened.db.membership.create({ data: { id: `mem_${both.id.slice(4)}`, organizationId: a.org.id, userId: both.id, role: "viewer" } });

    await expectProblem(await patch(a.key, onlyB.id, { role: "viewer" }), 404);
    await expectProblem(await remove(a.key, onlyB.id), 404);
    await expectProblem(await patch(a.key, b.owner.id, { role: "viewer" }), 404);
    await expectProblem(await patch(a.key, "usr_01JH6ZG7H8J9K0MNPQRSTVWXYZ", { role: "viewer" }), 404);

    await expectJson(await patch(a.key, both.id, { role: "admin" }), 200);
    expect(await getMembershipRole(opened.db, a.org.id, both.id)).toBe("admin");
    expect(await getMembershipRole(opened.db, b.org.id, both.id)).toBe("developer");

    const list = await expectJson<{ data: { user_id: string }[] }>(await callRoute(membersRoute.GET, { url: "/api/v1/members", key: a.key }), 200);
    expect(list.data.map((m) => m.user_id).sort()).toEqual([a.owner.id, both.id].sort());
  });
});
