// Invitations (docs/security.md#members-and-invitations): an owner (or an API key with `admin`)
// invites an email with a role; the answer carries a single-use link valid 7 days, shown once
// (only the SHA-256 of its token is stored). With SMTP_URL the link is mailed too; a mail
// server that fails loses nothing: the invitation stands and the link is still shown.
// Opening the link shows the invitation; the invited user joins by confirming it there (a POST),
// and only while the member who invited still may invite.
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import { randomToken, sha256Hex } from "@/lib/crypto";
import { isPublicId, newId, type Db, type Tx } from "@/lib/db";
import type { Invitation } from "@/lib/db/generated/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { mailEnabled, sendMail } from "@/lib/mail";
import { defaultRateLimitStore, enforceRateLimit } from "@/lib/rate-limit";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";
import { invitationMail } from "./invitation-mail";
import { lockOrganization, OWNERS_ONLY, type MemberAuthority } from "./members";
import type { Role } from "./roles";
import type { InvitationInput, InvitationResource, MailStatus } from "./schemas";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Invitations an organization may create per hour (each may send a mail). */
export const INVITATIONS_PER_HOUR = 50;

/** The path of an invitation link; the token is 43 base64url characters. */
export const invitationPath = (token: string) => `/invite/${token}`;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Whether `value` has the shape of an invitation token (anything else names no invitation). */
export function isInvitationToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_SHAPE.test(value);
}

export type InvitationStatus = InvitationResource["status"];

export function invitationStatus(invitation: Pick<Invitation, "acceptedAt" | "revokedAt" | "expiresAt">, now: Date = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

export function toInvitationResource(invitation: Invitation, now: Date = new Date()): InvitationResource {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation, now),
    invited_by: invitation.invitedByLabel,
    created_at: invitation.createdAt.toISOString(),
    expires_at: invitation.expiresAt.toISOString(),
  };
}

const pendingWhere = (now: Date) => ({ acceptedAt: null, revokedAt: null, expiresAt: { gt: now } });

export type CreatedInvitation = { invitation: Invitation; url: string; mail: { status: MailStatus; error: string | null } };

/**
 * Invites `input.email` as `input.role`. The link is `origin` + /invite/<token>. A pending
 * invitation of the same email is replaced (its link stops working). Refused: inviting an
 * owner without owner authority (403), an email that is already a member (409), more than
 * INVITATIONS_PER_HOUR per organization (429).
 */
export async function createInvitation(
  db: Db,
  orgId: string,
  input: InvitationInput,
  actor: Actor,
  options: {
    authority: MemberAuthority;
    origin: string;
    /** The member whose authority invites: the signed-in user, or the member an API key acts for. */
    inviterUserId: string;
    now?: Date;
  },
): Promise<CreatedInvitation> {
  const now = options.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  if (input.role === "owner" && !options.authority.owners) throw new ForbiddenError(OWNERS_ONLY);
  await enforceRateLimit(defaultRateLimitStore(db), `invitations:${orgId}`, now, { limit: INVITATIONS_PER_HOUR, windowMs: 3_600_000 }, (r) =>
    `At most ${INVITATIONS_PER_HOUR} invitations per hour per organization. Try again in ${Math.ceil(r.resetSeconds / 60)} minutes.`,
  );
  const token = randomToken(32);
  const { org, invitation, replaced } = await db.$transaction(async (tx) => {
    const org = await lockOrganization(tx, orgId);
    const member = await tx.membership.findFirst({ where: { organizationId: orgId, user: { email } }, select: { id: true } });
    if (member) throw new ConflictError(`${email} is already a member of ${org.name}.`);
    const pending = await tx.invitation.findMany({ where: { organizationId: orgId, email, ...pendingWhere(now) }, select: { id: true, role: true } });
    if (pending.some((p) => p.role === "owner")) refuseOwnerInvitation(options.authority);
    if (pending.length) await tx.invitation.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { revokedAt: now } });
    const invitation = await tx.invitation.create({
      data: {
        id: newId("inv"),
        organizationId: orgId,
        email,
        role: input.role,
        tokenHash: sha256Hex(token),
        invitedById: actor.id,
        invitedByLabel: actor.label,
        inviterUserId: options.inviterUserId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        createdAt: now,
      },
    });
    return { org, invitation, replaced: pending.map((p) => p.id) };
  });
  const url = new URL(invitationPath(token), options.origin).toString();
  const mail = await mailInvitation({ to: invitation.email, role: invitation.role, organization: org.name, inviter: actor.label, url, expiresAt: invitation.expiresAt });
  await recordAudit(db, orgId, actor, "invitation.created", { type: "invitation", id: invitation.id }, {
    email: invitation.email,
    role: invitation.role,
    mail: mail.status,
    ...(replaced.length ? { replaced } : {}),
  });
  return { invitation, url, mail };
}

function refuseOwnerInvitation(authority: MemberAuthority) {
  if (!authority.owners) throw new ForbiddenError(OWNERS_ONLY);
}

async function mailInvitation(details: Parameters<typeof invitationMail>[0]): Promise<CreatedInvitation["mail"]> {
  if (!mailEnabled()) return { status: "off", error: null };
  try {
    await sendMail(invitationMail(details));
    return { status: "sent", error: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`[invitations] mailing the invitation to ${details.to} failed: ${reason}`);
    return { status: "failed", error: reason.slice(0, 300) };
  }
}

/** One page of the organization's pending invitations, newest first. */
export async function listPendingInvitations(db: Db, orgId: string, page: PageQuery, now: Date = new Date()) {
  const args = pageArgs(page);
  const rows = await db.invitation.findMany({ ...args, where: { ...args.where, organizationId: orgId, ...pendingWhere(now) } });
  return toPage(rows, page);
}

/** Revokes an invitation: its link stops working at once. An accepted one cannot be revoked (remove the member instead). */
export async function revokeInvitation(db: Db, orgId: string, invitationId: string, actor: Actor, authority: MemberAuthority, now: Date = new Date()) {
  const invitation = isPublicId(invitationId) ? await db.invitation.findFirst({ where: { id: invitationId, organizationId: orgId } }) : null;
  if (!invitation) throw new NotFoundError("Invitation", invitationId);
  if (invitation.acceptedAt) throw new ConflictError(`The invitation of ${invitation.email} was already accepted. Remove the member instead.`);
  if (invitation.role === "owner") refuseOwnerInvitation(authority);
  if (invitation.revokedAt) return invitation;
  const revoked = await db.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
  await recordAudit(db, orgId, actor, "invitation.revoked", { type: "invitation", id: invitation.id }, { email: invitation.email, role: invitation.role });
  return revoked;
}

/**
 * Revokes the organization's pending invitations made by a member (`inviterUserId`) or with a
 * key (`invitedById`), inside the caller's transaction: their authority went with the member's
 * role or the key. Returns the invitations revoked, for the caller to audit.
 */
export async function revokePendingInvitations(
  tx: Tx,
  orgId: string,
  madeBy: { inviterUserId: string } | { invitedById: string },
  now: Date,
): Promise<Pick<Invitation, "id" | "email" | "role">[]> {
  const where = { organizationId: orgId, ...madeBy, ...pendingWhere(now) };
  const pending = await tx.invitation.findMany({ where, select: { id: true, email: true, role: true } });
  if (pending.length) await tx.invitation.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { revokedAt: now } });
  return pending;
}

/** What an invitation link leads to, for its page: not there, or the invitation and its state. */
export type InvitationView =
  | { status: "invalid" }
  | {
      status: InvitationStatus;
      organization: { id: string; name: string };
      email: string;
      role: Role;
      invitedBy: string;
      expiresAt: Date;
      /** Pending, but whoever invited is no longer an owner: it cannot be accepted (shown as revoked). */
      withdrawn: boolean;
    };

export async function viewInvitation(db: Db, token: unknown, now: Date = new Date()): Promise<InvitationView> {
  if (!isInvitationToken(token)) return { status: "invalid" };
  const invitation = await db.invitation.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { organization: { select: { id: true, name: true } } } });
  if (!invitation) return { status: "invalid" };
  const status = invitationStatus(invitation, now);
  const withdrawn = status === "pending" && !(await inviterStillInvites(db, invitation.organizationId, invitation.inviterUserId));
  return {
    status: withdrawn ? "revoked" : status,
    withdrawn,
    organization: invitation.organization,
    email: invitation.email,
    role: invitation.role,
    invitedBy: invitation.invitedByLabel,
    expiresAt: invitation.expiresAt,
  };
}

const REFUSALS = {
  accepted: "This invitation was already used.",
  revoked: "This invitation was revoked.",
  expired: "This invitation has expired.",
} as const;

/** Whether the member who invited may still invite: an owner of the organization now. */
async function inviterStillInvites(tx: Tx, orgId: string, inviterUserId: string | null): Promise<boolean> {
  if (!inviterUserId) return false;
  const member = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: orgId, userId: inviterUserId } } });
  return member?.role === "owner";
}

/** Why an invitation cannot be accepted; the invitation page explains each. */
export class InvitationRefusedError extends ConflictError {
  constructor(
    readonly reason: "invalid" | "expired" | "revoked" | "accepted" | "wrong_email",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Accepts the invitation of `token` for `user`, who confirmed it on the invitation page: the
 * user joins the organization with the invited role (a member already keeps their role), the
 * link is used up, and `member.joined` is audited. Only a user whose email is the invited one
 * may accept, and only while the member who invited is still an owner.
 */
export async function acceptInvitation(db: Db, token: unknown, user: { id: string; email: string }, actor: Actor, now: Date = new Date()) {
  if (!isInvitationToken(token)) throw new InvitationRefusedError("invalid", "This invitation link is not valid.");
  const result = await db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: sha256Hex(token) } });
    if (!invitation) throw new InvitationRefusedError("invalid", "This invitation link is not valid.");
    const org = await lockOrganization(tx, invitation.organizationId);
    // Read again under the lock: two tabs accepting at once use the link once.
    const current = await tx.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    const status = invitationStatus(current, now);
    if (status !== "pending") throw new InvitationRefusedError(status, REFUSALS[status]);
    if (user.email.toLowerCase() !== current.email) {
      throw new InvitationRefusedError("wrong_email", `This invitation is for ${current.email}, not ${user.email}.`);
    }
    // An invitation carries its inviter's authority: gone with their ownership (a removal or
    // demotion also revokes it; this holds for any path that left it pending).
    if (!(await inviterStillInvites(tx, org.id, current.inviterUserId))) {
      throw new InvitationRefusedError("revoked", `This invitation was withdrawn: ${current.invitedByLabel} can no longer invite to ${org.name}.`);
    }
    await tx.invitation.update({ where: { id: current.id }, data: { acceptedAt: now, acceptedById: user.id } });
    const existing = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId: org.id, userId: user.id } } });
    if (existing) return { org, invitation: current, role: existing.role as Role, joined: false };
    await tx.membership.create({ data: { id: newId("mem"), organizationId: org.id, userId: user.id, role: current.role, createdAt: now } });
    return { org, invitation: current, role: current.role as Role, joined: true };
  });
  if (result.joined) {
    await recordAudit(db, result.org.id, actor, "member.joined", { type: "member", id: user.id }, {
      email: user.email,
      role: result.role,
      invitation_id: result.invitation.id,
      invited_by: result.invitation.invitedByLabel,
    });
  }
  return { organization: result.org, role: result.role, joined: result.joined };
}
