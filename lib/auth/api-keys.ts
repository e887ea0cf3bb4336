// API keys: `cc_live_` + 32 random bytes, shown once. Only the SHA-256 is stored;
// the first characters are kept as a prefix for lists.
import "server-only";
import { z } from "zod";
import { recordAudit, type Actor } from "@/lib/audit";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";
import { randomToken, sha256Hex } from "@/lib/crypto";
import { newId, type Db } from "@/lib/db";
import { NotFoundError, UnauthorizedError } from "@/lib/errors";
import { apiKeyScopeSchema, type ApiKeyScope } from "./permissions";

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
});

export type ApiKeyRow = Awaited<ReturnType<Db["apiKey"]["findFirstOrThrow"]>>;

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
  };
}

export async function createApiKey(db: Db, orgId: string, input: CreateApiKeyInput, actor: Actor) {
  const secret = API_KEY_PREFIX + randomToken(32);
  const key = await db.apiKey.create({
    data: {
      id: newId("key"),
      organizationId: orgId,
      name: input.name,
      prefix: secret.slice(0, PREFIX_SHOWN),
      hashedKey: sha256Hex(secret),
      scopes: input.scopes,
      createdById: actor.type === "user" ? actor.id : null,
      expiresAt: input.expires_at ? new Date(input.expires_at) : null,
    },
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
  const rows = await db.apiKey.findMany({ ...args, where: { ...args.where, organizationId: orgId } });
  return toPage(rows, page);
}

export async function revokeApiKey(db: Db, orgId: string, keyId: string, actor: Actor) {
  const key = await db.apiKey.findFirst({ where: { id: keyId, organizationId: orgId } });
  if (!key) throw new NotFoundError("API key", keyId);
  if (key.revokedAt) return key;
  const revoked = await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
  await recordAudit(db, orgId, actor, "api_key.revoked", { type: "api_key", id: key.id }, { name: key.name });
  return revoked;
}

export type AuthenticatedKey = { id: string; organizationId: string; name: string; scopes: ApiKeyScope[] };

/** Resolves a bearer token to its key; any failure is the same 401, to leak nothing. */
export async function authenticateApiKey(db: Db, token: string, now = new Date()): Promise<AuthenticatedKey> {
  if (!token.startsWith(API_KEY_PREFIX)) {
    throw new UnauthorizedError("Invalid API key: keys start with `cc_live_`.");
  }
  const key = await db.apiKey.findUnique({ where: { hashedKey: sha256Hex(token) } });
  if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) {
    throw new UnauthorizedError("Invalid API key: it does not exist, was revoked, or has expired.");
  }
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return { id: key.id, organizationId: key.organizationId, name: key.name, scopes: key.scopes as ApiKeyScope[] };
}
