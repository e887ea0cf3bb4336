// A credential's power is its holder's power now (docs/security.md#credentials-after-a-change):
// API keys act for the member who made them, at most with that member's current role, and stop
// with their membership; removing or demoting a member revokes or narrows their keys and
// withdraws their invitations, audited; sessions end with a role change or a removal.
// Each finding of the attack that prompted this is replayed here over the route handlers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as invitations from "@/app/api/v1/invitations/route";
import * as member from "@/app/api/v1/members/[userId]/route";
import * as projects from "@/app/api/v1/projects/route";
import * as triggerSecret from "@/app/api/v1/projects/[projectId]/trigger-secret/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import * as rotate from "@/app/api/v1/webhooks/[webhookId]/secret/rotate/route";
import { systemActor } from "@/lib/audit";
import { createApiKey, credentialConsequences, scopesOfRole, type Role } from "@/lib/auth";
import type { OpenedDatabase } from "@/lib/db";
import { acceptInvitation, changeMemberRole, removeMember, viewInvitation } from "@/lib/organizations";
import { createKey, createOrgWithUser, createTestDatabase, findKey } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { addMember, auditActions, tokenOf, userActor } from "../members/fixtures";

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

/** An organization with its owner (and the owner's admin key), a project, an endpoint, and a member in `role` holding a key with every scope their role holds. */
async function setup(role: Role = "admin") {
  const db = opened.db;
  const { org, user: owner } = await createOrgWithUser(db, "owner");
  const ownerKey = await createKey(db, org.id, ["admin"]);
  const project = await expectJson<{ id: string }>(await callRoute(projects.POST, { url: "/api/v1/projects", key: ownerKey, body: { name: "App" } }), 201);
  const endpoint = await expectJson<{ id: string }>(
    await callRoute(webhooks.POST, { url: "/api/v1/webhooks", key: ownerKey, body: { name: "Hook", url: "http://127.0.0.1:9/hook" } }),
    201,
  );
  const person = await addMember(db, org.id, role);
  const key = await createKey(db, org.id, scopesOfRole(role).includes("admin") ? ["admin"] : scopesOfRole(role), { holder: { userId: person.id, role } });
  return { db, org, owner, ownerKey, project, endpoint, person, key };
}

const readTriggerSecret = (key: string, projectId: string) =>
  callRoute(triggerSecret.GET, { url: `/api/v1/projects/${projectId}/trigger-secret`, key, params: { projectId } });
const mintKey = (key: string) => callRoute(apiKeys.POST, { url: "/api/v1/api-keys", key, body: { name: "Another", scopes: ["admin"] } });
const invite = (key: string, email: string, role: Role = "admin") => callRoute(invitations.POST, { url: "/api/v1/invitations", key, body: { email, role } });
const setRole = (key: string, userId: string, role: Role) =>
  callRoute(member.PATCH, { method: "PATCH", url: `/api/v1/members/${userId}`, key, params: { userId }, body: { role } });
const rotateSecret = (key: string, webhookId: string) =>
  callRoute(rotate.POST, { url: `/api/v1/webhooks/${webhookId}/secret/rotate`, key, params: { webhookId }, body: {} });

describe("a removed member's API key", () => {
  it("stops working at once: no trigger secret, no new key, no invitation back in (401), and its revocation is audited", async () => {
    const { db, org, person, key, ownerKey, project } = await setup("admin");
    expect((await readTriggerSecret(key, project.id)).status).toBe(200);
    await expectJson(await callRoute(member.DELETE, { method: "DELETE", url: `/api/v1/members/${person.id}`, key: ownerKey, params: { userId: person.id } }), 200);

    for (const response of [await readTriggerSecret(key, project.id), await mintKey(key), await invite(key, person.email)]) {
      expect((await expectProblem(response, 401)).detail).toBe("Invalid API key: it does not exist, was revoked, or has expired.");
    }
    expect((await findKey(db, key)).revokedAt).toBeInstanceOf(Date);
    const revoked = await db.auditLog.findFirstOrThrow({ where: { organizationId: org.id, action: "api_key.revoked" } });
    expect(revoked.metadata).toMatchObject({ reason: "member.removed" });
  });

  it("stops working even when the membership went some other way (the key is checked against the member on every request)", async () => {
    const { db, org, person, key, project } = await setup("admin");
    await db.membership.delete({ where: { organizationId_userId: { organizationId: org.id, userId: person.id } } });
    expect((await findKey(db, key)).revokedAt).toBeNull();
    const problem = await expectProblem(await readTriggerSecret(key, project.id), 401);
    expect(problem.detail).toBe("Invalid API key: the member it was created by is no longer in the organization.");
  });
});

describe("a demoted member's API key", () => {
  it("is narrowed to the new role: a demoted admin can neither rotate a signing secret nor promote themselves back", async () => {
    const { db, org, person, key, ownerKey, endpoint } = await setup("admin");
    expect((await rotateSecret(key, endpoint.id)).status).toBe(200);
    await expectJson(await setRole(ownerKey, person.id, "viewer"), 200);

    expect((await findKey(db, key)).scopes).toEqual(["projects:read", "webhooks:read", "builds:read"]);
    expect((await expectProblem(await rotateSecret(key, endpoint.id), 403)).detail).toBe("This API key needs the `webhooks:secrets` scope.");
    expect((await expectProblem(await setRole(key, person.id, "admin"), 403)).detail).toBe("This API key needs the `admin` scope.");
    expect((await callRoute(webhooks.GET, { url: "/api/v1/webhooks", key })).status).toBe(200);
    const narrowed = await db.auditLog.findFirstOrThrow({ where: { organizationId: org.id, action: "api_key.narrowed" } });
    expect(narrowed.metadata).toMatchObject({ from: ["admin"], to: ["projects:read", "webhooks:read", "builds:read"], reason: "member.role_changed" });
  });

  it("does only what the member's current role allows even when the role changed some other way", async () => {
    const { db, org, person, key, endpoint } = await setup("admin");
    await db.membership.update({ where: { organizationId_userId: { organizationId: org.id, userId: person.id } }, data: { role: "viewer" } });
    expect((await findKey(db, key)).scopes).toEqual(["admin"]);
    const problem = await expectProblem(await rotateSecret(key, endpoint.id), 403);
    expect(problem.detail).toBe("This API key acts for a member whose role is now viewer; this needs the admin role or higher.");
    expect((await callRoute(webhooks.GET, { url: "/api/v1/webhooks", key })).status).toBe(200);
  });

  it("is revoked when the new role holds none of its scopes", async () => {
    const { db, org, owner } = await setup("admin");
    const secretsOnly = await addMember(db, org.id, "admin");
    const key = await createKey(db, org.id, ["webhooks:secrets"], { holder: { userId: secretsOnly.id, role: "admin" } });
    await changeMemberRole(db, org.id, secretsOnly.id, "developer", userActor(owner), { owners: true }, credentialConsequences);
    expect((await findKey(db, key)).revokedAt).toBeInstanceOf(Date);
  });
});

describe("owner-only actions through a key", () => {
  it("need the owner role behind the key: an admin's admin key cannot invite or change roles", async () => {
    const { db, org, key, ownerKey } = await setup("admin");
    const dev = await addMember(db, org.id, "developer");
    const refusal = "This API key acts for a member whose role is now admin; this needs the owner role or higher.";
    expect((await expectProblem(await invite(key, "someone@example.test"), 403)).detail).toBe(refusal);
    expect((await expectProblem(await setRole(key, dev.id, "admin"), 403)).detail).toBe(refusal);
    // The owner's own admin key may.
    await expectJson(await invite(ownerKey, "someone@example.test"), 201);
    await expectJson(await setRole(ownerKey, dev.id, "admin"), 200);
  });
});

describe("minting keys", () => {
  it("refuses scopes the creator's role does not hold (422 on scopes)", async () => {
    const { db, org } = await setup("admin");
    const dev = await addMember(db, org.id, "developer");
    const error = await createApiKey(db, org.id, { name: "Too much", scopes: ["webhooks:write", "webhooks:secrets"], expires_at: null }, userActor(dev), {
      userId: dev.id,
      role: "developer",
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      errors: [{ field: "scopes", message: expect.stringContaining("whose role (developer) does not hold `webhooks:secrets`") }],
    });
  });

  it("gives a key minted with a key the same member: it acts for them, not for the key", async () => {
    const { db, owner, ownerKey } = await setup("admin");
    const minted = await expectJson<{ key: string }>(await mintKey(ownerKey), 201);
    expect((await findKey(db, minted.key)).createdById).toBe(owner.id);
  });

  it("gives keys made by the system to the organization's first owner", async () => {
    const { db, org, owner } = await setup("admin");
    const { key } = await createApiKey(db, org.id, { name: "System", scopes: ["builds:read"], expires_at: null }, systemActor);
    expect(key.createdById).toBe(owner.id);
  });
});

describe("invitations lose their power with the person who sent them", () => {
  it("revokes invitations made with a key when the key is revoked; the link then refuses", async () => {
    const { db, org, ownerKey } = await setup("admin");
    const created = await expectJson<{ id: string; url: string }>(await invite(ownerKey, "joiner@example.test", "developer"), 201);
    const keyId = (await findKey(db, ownerKey)).id;
    await callRoute((await import("@/app/api/v1/api-keys/[keyId]/route")).DELETE, {
      method: "DELETE",
      url: `/api/v1/api-keys/${keyId}`,
      key: await createKey(db, org.id, ["admin"]),
      params: { keyId },
    });
    expect((await db.invitation.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toBeInstanceOf(Date);
    expect((await viewInvitation(db, tokenOf(created.url))).status).toBe("revoked");
    expect(await auditActions(db, org.id)).toContain("invitation.revoked");
  });

  it("revokes a removed or demoted owner's pending invitations, audited", async () => {
    const { db, org, owner } = await setup("admin");
    const coOwner = await addMember(db, org.id, "owner");
    const coOwnerKey = await createKey(db, org.id, ["admin"], { holder: { userId: coOwner.id, role: "owner" } });
    const byKey = await expectJson<{ id: string }>(await invite(coOwnerKey, "a@example.test", "viewer"), 201);
    await changeMemberRole(db, org.id, coOwner.id, "admin", userActor(owner), { owners: true }, credentialConsequences);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: byKey.id } })).revokedAt).toBeInstanceOf(Date);
    const entry = await db.auditLog.findFirstOrThrow({ where: { organizationId: org.id, action: "invitation.revoked", targetId: byKey.id } });
    expect(entry.metadata).toMatchObject({ reason: "member.role_changed" });

    const third = await addMember(db, org.id, "owner");
    const thirdKey = await createKey(db, org.id, ["admin"], { holder: { userId: third.id, role: "owner" } });
    const pending = await expectJson<{ id: string }>(await invite(thirdKey, "b@example.test", "viewer"), 201);
    await removeMember(db, org.id, third.id, userActor(owner), { owners: true }, credentialConsequences);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: pending.id } })).revokedAt).toBeInstanceOf(Date);
  });

  it("refuses an invitation whose inviter is no longer an owner, however that came about", async () => {
    const { db, org } = await setup("admin");
    const coOwner = await addMember(db, org.id, "owner");
    const coOwnerKey = await createKey(db, org.id, ["admin"], { holder: { userId: coOwner.id, role: "owner" } });
    const created = await expectJson<{ url: string }>(await invite(coOwnerKey, "late@example.test", "viewer"), 201);
    await db.membership.update({ where: { organizationId_userId: { organizationId: org.id, userId: coOwner.id } }, data: { role: "developer" } });
    const { user: late } = await createOrgWithUser(db, "owner");
    const joiner = await db.user.update({ where: { id: late.id }, data: { email: "late@example.test" } });

    expect(await viewInvitation(db, tokenOf(created.url))).toMatchObject({ status: "revoked", withdrawn: true });
    await expect(acceptInvitation(db, tokenOf(created.url), joiner, userActor(joiner))).rejects.toMatchObject({
      status: 409,
      reason: "revoked",
      message: expect.stringMatching(/withdrawn: .* can no longer invite/),
    });
    expect(await db.membership.count({ where: { organizationId: org.id, userId: joiner.id } })).toBe(0);
  });
});

describe("sessions of a member who changes", () => {
  it("end with a role change and with a removal, not when they leave of their own accord", async () => {
    const { db, org, owner, person } = await setup("developer");
    const version = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).sessionVersion;
    const before = await version(person.id);
    await changeMemberRole(db, org.id, person.id, "viewer", userActor(owner), { owners: true }, credentialConsequences);
    expect(await version(person.id)).toBe(before + 1);
    await removeMember(db, org.id, person.id, userActor(owner), { owners: true }, credentialConsequences);
    expect(await version(person.id)).toBe(before + 2);

    const leaver = await addMember(db, org.id, "viewer");
    const { leaveOrganization } = await import("@/lib/organizations");
    await leaveOrganization(db, org.id, leaver.id, userActor(leaver), credentialConsequences);
    expect(await version(leaver.id)).toBe(0);
  });
});
