// Invitations (docs/security.md#members-and-invitations): a single-use link valid 7 days, shown
// once; accepted only by the invited email; revocable; mailed when SMTP_URL is set, without
// losing the invitation when the mail server fails; another organization's are 404.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as invitationsRoute from "@/app/api/v1/invitations/route";
import * as invitationRoute from "@/app/api/v1/invitations/[invitationId]/route";
import { sha256Hex } from "@/lib/crypto";
import type { OpenedDatabase } from "@/lib/db";
import {
  acceptInvitation,
  createInvitation,
  INVITATION_TTL_MS,
  InvitationRefusedError,
  getMembershipRole,
  viewInvitation,
} from "@/lib/organizations";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { addMember, auditActions, tokenOf, userActor } from "./fixtures";
import { startSmtpServer } from "./smtp";

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

afterEach(() => {
  delete process.env.SMTP_URL;
  delete process.env.MAIL_FROM;
});

const owners = { owners: true };
const origin = "https://cc.example.test";

/** An organization with its owner, an admin key, and a user without it. */
async function setup() {
  const { org, user: owner } = await createOrgWithUser(opened.db, "owner");
  const key = await createKey(opened.db, org.id, ["admin"]);
  const { user: outsider } = await createOrgWithUser(opened.db, "owner");
  return { org, owner, key, outsider, db: opened.db };
}

async function invite(orgId: string, owner: { id: string; email: string }, email: string, role: "owner" | "admin" | "developer" | "viewer", now?: Date) {
  return createInvitation(opened.db, orgId, { email, role }, userActor(owner), { authority: owners, origin, now, inviterUserId: owner.id });
}

describe("creating an invitation", () => {
  it("answers 201 with the link once, stores only the token's hash, and lists it pending without the link", async () => {
    const { org, key, db } = await setup();
    const created = await expectJson<Record<string, unknown>>(
      await callRoute(invitationsRoute.POST, { url: "/api/v1/invitations", key, body: { email: "Ada@Example.test", role: "developer" } }),
      201,
    );
    expect(created).toMatchObject({ id: expect.stringMatching(/^inv_/), email: "ada@example.test", role: "developer", status: "pending", mail_status: "off" });
    expect(created.url).toMatch(/^http:\/\/localhost:3000\/invite\/[A-Za-z0-9_-]{43}$/);
    const expires = new Date(created.expires_at as string).getTime();
    expect(Math.abs(expires - (Date.now() + INVITATION_TTL_MS))).toBeLessThan(60_000);

    const stored = await db.invitation.findUniqueOrThrow({ where: { id: created.id as string } });
    const token = tokenOf(created.url as string);
    expect(stored.tokenHash).toBe(sha256Hex(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    const list = await expectJson<{ data: Record<string, unknown>[] }>(await callRoute(invitationsRoute.GET, { url: "/api/v1/invitations", key }), 200);
    expect(list.data).toEqual([
      { id: created.id, email: "ada@example.test", role: "developer", status: "pending", invited_by: expect.stringMatching(/^API key "/), created_at: expect.any(String), expires_at: created.expires_at },
    ]);
    expect(JSON.stringify(list)).not.toContain(token);
    expect(await auditActions(db, org.id)).toContain("invitation.created");
  });

  it("uses APP_URL for the link when it is set", async () => {
    const { key } = await setup();
    process.env.APP_URL = "https://control.example.com/ignored/path";
    try {
      const created = await expectJson<{ url: string }>(
        await callRoute(invitationsRoute.POST, { url: "/api/v1/invitations", key, body: { email: "appurl@example.test", role: "viewer" } }),
        201,
      );
      expect(created.url).toMatch(/^https:\/\/control\.example\.com\/invite\//);
    } finally {
      delete process.env.APP_URL;
    }
  });

  it("refuses an email that is already a member, and replaces a pending invitation of the same email", async () => {
    const { org, owner } = await setup();
    const member = await addMember(opened.db, org.id, "viewer");
    await expect(invite(org.id, owner, member.email.toUpperCase(), "developer")).rejects.toThrow(/already a member/);

    const first = await invite(org.id, owner, "twice@example.test", "viewer");
    const second = await invite(org.id, owner, "twice@example.test", "developer");
    expect((await viewInvitation(opened.db, tokenOf(first.url))).status).toBe("revoked");
    expect((await viewInvitation(opened.db, tokenOf(second.url))).status).toBe("pending");
  });

  it("refuses invalid input with field errors", async () => {
    const { key } = await setup();
    const problem = await expectProblem(await callRoute(invitationsRoute.POST, { url: "/api/v1/invitations", key, body: { email: "not-an-email", role: "king" } }), 422);
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(["email", "role"]);
  });
});

describe("accepting an invitation", () => {
  it("joins the organization with the invited role, once", async () => {
    const { org, owner, db } = await setup();
    const { user: ada } = await createOrgWithUser(db, "owner");
    const { url } = await invite(org.id, owner, ada.email.toUpperCase(), "developer");
    const joined = await acceptInvitation(db, tokenOf(url), ada, userActor(ada));
    expect(joined).toMatchObject({ organization: { id: org.id }, role: "developer", joined: true });
    expect(await getMembershipRole(db, org.id, ada.id)).toBe("developer");

    const again = acceptInvitation(db, tokenOf(url), ada, userActor(ada));
    await expect(again).rejects.toBeInstanceOf(InvitationRefusedError);
    await expect(again).rejects.toMatchObject({ reason: "accepted", message: "This invitation was already used." });
    expect((await viewInvitation(db, tokenOf(url))).status).toBe("accepted");

    const audit = await db.auditLog.findFirstOrThrow({ where: { organizationId: org.id, action: "member.joined" } });
    expect(audit).toMatchObject({ actorId: ada.id, targetType: "member", targetId: ada.id });
    expect(audit.metadata).toMatchObject({ email: ada.email, role: "developer", invited_by: owner.email });
  });

  it("is refused for another email, and the invitation stays pending", async () => {
    const { org, owner, outsider, db } = await setup();
    const { url } = await invite(org.id, owner, "someone-else@example.test", "viewer");
    await expect(acceptInvitation(db, tokenOf(url), outsider, userActor(outsider))).rejects.toMatchObject({
      reason: "wrong_email",
      message: `This invitation is for someone-else@example.test, not ${outsider.email}.`,
    });
    expect(await getMembershipRole(db, org.id, outsider.id)).toBeNull();
    expect((await viewInvitation(db, tokenOf(url))).status).toBe("pending");
  });

  it("expires after 7 days (injected clock)", async () => {
    const { org, owner, db } = await setup();
    const { user: late } = await createOrgWithUser(db, "owner");
    const { user: onTime } = await createOrgWithUser(db, "owner");
    const start = new Date("2026-03-01T12:00:00Z");
    const lateInvite = await invite(org.id, owner, late.email, "viewer", start);
    const onTimeInvite = await invite(org.id, owner, onTime.email, "viewer", start);
    const justBefore = new Date(start.getTime() + INVITATION_TTL_MS - 1);
    const atExpiry = new Date(start.getTime() + INVITATION_TTL_MS);

    expect((await viewInvitation(db, tokenOf(lateInvite.url), justBefore)).status).toBe("pending");
    expect((await viewInvitation(db, tokenOf(lateInvite.url), atExpiry)).status).toBe("expired");
    await expect(acceptInvitation(db, tokenOf(lateInvite.url), late, userActor(late), atExpiry)).rejects.toMatchObject({ reason: "expired" });
    expect(await getMembershipRole(db, org.id, late.id)).toBeNull();
    await expect(acceptInvitation(db, tokenOf(onTimeInvite.url), onTime, userActor(onTime), justBefore)).resolves.toMatchObject({ joined: true });
  });

  it("is refused for a revoked invitation, and revoking takes it off the pending list", async () => {
    const { org, owner, key, db } = await setup();
    const { user: ada } = await createOrgWithUser(db, "owner");
    const { invitation, url } = await invite(org.id, owner, ada.email, "admin");
    const revoked = await expectJson<Record<string, unknown>>(
      await callRoute(invitationRoute.DELETE, { method: "DELETE", url: `/api/v1/invitations/${invitation.id}`, key, params: { invitationId: invitation.id } }),
      200,
    );
    expect(revoked).toMatchObject({ id: invitation.id, status: "revoked", deleted: true });
    await expect(acceptInvitation(db, tokenOf(url), ada, userActor(ada))).rejects.toMatchObject({ reason: "revoked" });
    const list = await expectJson<{ data: { id: string }[] }>(await callRoute(invitationsRoute.GET, { url: "/api/v1/invitations", key }), 200);
    expect(list.data.map((i) => i.id)).not.toContain(invitation.id);
    expect(await auditActions(db, org.id)).toEqual(expect.arrayContaining(["invitation.created", "invitation.revoked"]));
  });

  it("says nothing about links that were never issued", async () => {
    const { outsider, db } = await setup();
    for (const token of ["nope", "A".repeat(43), "../../etc/passwd", ""]) {
      expect(await viewInvitation(db, token)).toEqual({ status: "invalid" });
      await expect(acceptInvitation(db, token, outsider, userActor(outsider))).rejects.toMatchObject({ reason: "invalid" });
    }
  });

  it("keeps the role of someone who is already a member", async () => {
    const { org, owner, db } = await setup();
    const { user: ada } = await createOrgWithUser(db, "owner");
    const { url } = await invite(org.id, owner, ada.email, "viewer");
    await db.membership.create({ data: { id: `mem_${ada.id.slice(4)}`, organizationId: org.id, userId: ada.id, role: "admin" } });
    await expect(acceptInvitation(db, tokenOf(url), ada, userActor(ada))).resolves.toMatchObject({ role: "admin", joined: false });
    expect(await getMembershipRole(db, org.id, ada.id)).toBe("admin");
  });
});

describe("admin API keys and owners", () => {
  it("cannot invite an owner, nor revoke an owner's invitation", async () => {
    const { org, owner, key } = await setup();
    const problem = await expectProblem(await callRoute(invitationsRoute.POST, { url: "/api/v1/invitations", key, body: { email: "boss@example.test", role: "owner" } }), 403);
    expect(problem.detail).toMatch(/Only owners can make, demote or remove owners/);
    const { invitation, url } = await invite(org.id, owner, "boss@example.test", "owner");
    await expectProblem(
      await callRoute(invitationRoute.DELETE, { method: "DELETE", url: `/api/v1/invitations/${invitation.id}`, key, params: { invitationId: invitation.id } }),
      403,
    );
    // Nor replace it with a lesser one.
    await expectProblem(await callRoute(invitationsRoute.POST, { url: "/api/v1/invitations", key, body: { email: "boss@example.test", role: "viewer" } }), 403);
    expect((await viewInvitation(opened.db, tokenOf(url))).status).toBe("pending");
  });

  it("need a key with admin to invite; members:read keys only list", async () => {
    const { org } = await setup();
    const reader = await createKey(opened.db, org.id, ["projects:read"]);
    await expectJson(await callRoute(invitationsRoute.GET, { url: "/api/v1/invitations", key: reader }), 200);
    const problem = await expectProblem(await callRoute(invitationsRoute.POST, { url: "/api/v1/invitations", key: reader, body: { email: "x@example.test", role: "viewer" } }), 403);
    expect(problem.detail).toBe("This API key needs the `admin` scope.");
  });
});

describe("isolation", () => {
  it("answers 404 for another organization's invitation, and lists only the caller's own", async () => {
    const a = await setup();
    const b = await setup();
    const { invitation } = await invite(b.org.id, b.owner, "b-only@example.test", "viewer");
    await expectProblem(
      await callRoute(invitationRoute.DELETE, { method: "DELETE", url: `/api/v1/invitations/${invitation.id}`, key: a.key, params: { invitationId: invitation.id } }),
      404,
    );
    const list = await expectJson<{ data: { email: string }[] }>(await callRoute(invitationsRoute.GET, { url: "/api/v1/invitations", key: a.key }), 200);
    expect(list.data.map((i) => i.email)).not.toContain("b-only@example.test");
    expect((await opened.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).revokedAt).toBeNull();
  });
});

describe("mail", () => {
  it("mails the link through SMTP_URL: who invites, to which organization, in which role", async () => {
    const smtp = await startSmtpServer();
    try {
      process.env.SMTP_URL = smtp.url;
      process.env.MAIL_FROM = "Control Center <cc@example.test>";
      const { org, owner } = await setup();
      const created = await invite(org.id, owner, "Mailed@Example.test", "developer");
      expect(created.mail).toEqual({ status: "sent", error: null });
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail.to).toEqual(["mailed@example.test"]);
      expect(mail.from).toBe("cc@example.test");
      expect(mail.headers.subject).toBe(`${owner.email} invited you to ${org.name} on Control Center`);
      expect(mail.text).toContain(`${owner.email} invited you to join ${org.name} on Control Center as a developer.`);
      expect(mail.text).toContain(created.url);
      const audit = await opened.db.auditLog.findFirstOrThrow({ where: { organizationId: org.id, action: "invitation.created" } });
      expect(audit.metadata).toMatchObject({ mail: "sent" });
    } finally {
      await smtp.close();
    }
  });

  it("keeps the invitation and says mailing failed when the server refuses", async () => {
    const smtp = await startSmtpServer({ refuse: true });
    try {
      process.env.SMTP_URL = smtp.url;
      const { org, key, db } = await setup();
      const created = await expectJson<{ id: string; url: string; mail_status: string; mail_error: string }>(
        await callRoute(invitationsRoute.POST, { url: "/api/v1/invitations", key, body: { email: "bounce@example.test", role: "viewer" } }),
        201,
      );
      expect(created.mail_status).toBe("failed");
      expect(created.mail_error).toMatch(/Mailbox unavailable/);
      expect(created.url).toMatch(/\/invite\//);
      expect((await viewInvitation(db, tokenOf(created.url))).status).toBe("pending");
      expect(await auditActions(db, org.id)).toContain("invitation.created");
    } finally {
      await smtp.close();
    }
  });

  it("keeps the invitation when no mail server answers at all", async () => {
    const smtp = await startSmtpServer();
    const deadUrl = smtp.url;
    await smtp.close();
    process.env.SMTP_URL = deadUrl;
    const { org, owner } = await setup();
    const created = await invite(org.id, owner, "nobody-home@example.test", "viewer");
    expect(created.mail.status).toBe("failed");
    expect((await viewInvitation(opened.db, tokenOf(created.url))).status).toBe("pending");
  });

  it("refuses wrong SMTP credentials as a failed mail, not a failed invitation", async () => {
    const smtp = await startSmtpServer();
    try {
      process.env.SMTP_URL = smtp.url.replace("s3cret%20pass", "wrong");
      const { org, owner } = await setup();
      const created = await invite(org.id, owner, "auth@example.test", "viewer");
      expect(created.mail.status).toBe("failed");
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });
});
