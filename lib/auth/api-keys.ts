// API keys: `cc_live_` + 32 random bytes, shown once. Only the SHA-256 is stored;
// the first characters are kept as a prefix for lists. A key acts for the member who made it
// (docs/security.md#api-keys): it holds only scopes their role holds, does at most what their
// current role allows, and stops working when they are no longer a member.
import "server-only";
import { z } from "zod";
import { recordAudit, type Actor } from "@/lib/audit";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";
import { randomToken, sha256Hex } from "@/lib/crypto";
import { isPublicId, newId, type Db } from "@/lib/db";
import { revokePendingInvitations } from "@/lib/organizations";
import { NotFoundError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { apiKeyScopeSchema, scopesOfRole, type ApiKeyScope, type Role } from "./permissions";

export const API_KEY_PREFIX = "cc_live_";
const PREFIX_SHOWN = API_KEY_PREFIX.length + 6;
// Last-used time is written at most this often per key, not on every request.
const LAST_USED_GRANULARITY_MS = 60_000;

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name.").max(100),
  scopes: z.array(apiKeyScopeSchema).min(1, "Choose at least one scope.").transform((s) => [...new Set(s)]),
  expires_at: z.iso
    .datetime({ offset: true })
    .optional()
    .nullable()
    .refine((v) => !v || new Date(v).getTime() > Date.now(), "The expiry must be in the future."),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

export const apiKeyResource = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  expires_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  /** The member the key acts for (its creator): it does at most what their role allows. */
  acts_for: z.object({ user_id: z.string(), email: z.string() }).nullable(),
});

export type ApiKeyRow = Awaited<ReturnType<Db["apiKey"]["findFirstOrThrow"]>> & { createdBy?: { id: string; email: string } | null };

const withHolder = { createdBy: { select: { id: true, email: true } } } as const;

export function toApiKeyResource(key: ApiKeyRow): z.infer<typeof apiKeyResource> {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    expires_at: key.expiresAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
    acts_for: key.createdBy ? { user_id: key.createdBy.id, email: key.createdBy.email } : null,
  };
}

/** The member a new key acts for, with their current role. */
export type KeyHolder = { userId: string; role: Role };

/**
 * The member a key made by `actor` acts for: the signed-in user, the member an API key acts
 * for, or, for keys the system makes (the demo key), the organization's first owner.
 */
async function keyHolder(db: Db, orgId: string, actor: Actor, holder: KeyHolder | undefined): Promise<KeyHolder> {
  if (holder) return holder;
  const where = actor.type === "user" && actor.id ? { userId: actor.id } : { role: "owner" as const };
  const member = await db.membership.findFirst({ where: { organizationId: orgId, ...where }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (!member) throw new ValidationError("Only a member of the organization can hold an API key.", []);
  return { userId: member.userId, role: member.role };
}

/**
 * Creates a key acting for `holder` (by default the signed-in member, or the first owner for
 * the system). Refused (422 on `scopes`) when the holder's role does not hold a scope.
 */
export async function createApiKey(db: Db, orgId: string, input: CreateApiKeyInput, actor: Actor, holder?: KeyHolder) {
  const { userId, role } = await keyHolder(db, orgId, actor, holder);
  const allowed = scopesOfRole(role);
  const beyond = input.scopes.filter((scope) => !allowed.includes(scope));
  if (beyond.length) {
    const message = `A key acts for its creator, whose role (${role}) does not hold ${beyond.map((s) => `\`${s}\``).join(", ")}. Allowed: ${allowed.map((s) => `\`${s}\``).join(", ")}.`;
    throw new ValidationError(message, [{ field: "scopes", message }]);
  }
  const secret = API_KEY_PREFIX + randomToken(32);
  const key = await db.apiKey.create({
    data: {
      id: newId("key"),
      organizationId: orgId,
      name: input.name,
      prefix: secret.slice(0, PREFIX_SHOWN),
      hashedKey: sha256Hex(secret),
      scopes: input.scopes,
      createdById: userId,
      expiresAt: input.expires_at ? new Date(input.expires_at) : null,
    },
    include: withHolder,
  });
  await recordAudit(db, orgId, actor, "api_key.created", { type: "api_key", id: key.id }, {
    name: key.name,
    scopes: key.scopes,
  });
  return { key, secret };
}

/** Every key of the organization, newest first; revoked ones stay listed (marked). */
export async function listApiKeys(db: Db, orgId: string, page: PageQuery) {
  const args = pageArgs(page);
  const rows = await db.apiKey.findMany({ ...args, where: { ...args.where, organizationId: orgId }, include: withHolder });
  return toPage(rows, page);
}

/** Revokes a key, and the pending invitations made with it: they carried its authority. */
export async function revokeApiKey(db: Db, orgId: string, keyId: string, actor: Actor) {
  const key = isPublicId(keyId) ? await db.apiKey.findFirst({ where: { id: keyId, organizationId: orgId }, include: withHolder }) : null;
  if (!key) throw new NotFoundError("API key", keyId);
  if (key.revokedAt) return key;
  const now = new Date();
  const { revoked, invitations } = await db.$transaction(async (tx) => ({
    revoked: await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now }, include: withHolder }),
    invitations: await revokePendingInvitations(tx, orgId, { invitedById: key.id }, now),
  }));
  await recordAudit(db, orgId, actor, "api_key.revoked", { type: "api_key", id: key.id }, { name: key.name });
  for (const invitation of invitations) {
    await recordAudit(db, orgId, actor, "invitation.revoked", { type: "invitation", id: invitation.id }, {
      email: invitation.email,
      role: invitation.role,
      reason: "api_key.revoked",
    });
  }
  return revoked;
}

export type AuthenticatedKey = {
  id: string;
  organizationId: string;
  name: string;
  scopes: ApiKeyScope[];
  /** The member the key acts for, and their role now: the key does at most what it allows. */
  holder: KeyHolder;
};

type KeyRow = {
  id: string;
  organizationId: string;
  name: string;
  scopes: string[];
  createdById: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  role: Role | null;
};

/**
 * Resolves a bearer token to its key and the current role of the member it acts for, in one
 * query. Every failure — unknown, revoked, expired, or its member gone — is a 401.
 */
export async function authenticateApiKey(db: Db, token: string, now = new Date()): Promise<AuthenticatedKey> {
  if (!token.startsWith(API_KEY_PREFIX)) {
    throw new UnauthorizedError("Invalid API key: keys start with `cc_live_`.");
  }
  const [key] = await db.$queryRaw<KeyRow[]>`
    SELECT k.id, k."organizationId", k.name, k.scopes, k."createdById", k."expiresAt", k."lastUsedAt", k."revokedAt", m.role::text AS role
    FROM "ApiKey" k LEFT JOIN "Membership" m ON m."organizationId" = k."organizationId" AND m."userId" = k."createdById"
    WHERE k."hashedKey" = ${sha256Hex(token)}`;
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) {
    throw new UnauthorizedError("Invalid API key: it does not exist, was revoked, or has expired.");
  }
  if (!key.role || !key.createdById) {
    throw new UnauthorizedError("Invalid API key: the member it was created by is no longer in the organization.");
  }
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return {
    id: key.id,
    organizationId: key.organizationId,
    name: key.name,
    scopes: key.scopes as ApiKeyScope[],
    holder: { userId: key.createdById, role: key.role },
  };
}
