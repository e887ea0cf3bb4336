// The one permission check: pages, server actions and the API all ask `can()`.
// A user's role grants a permission when it ranks at least the permission's role;
// an API key grants it when it holds the permission's scope (or `admin`).
import { z } from "zod";
import type { Role } from "@/lib/organizations/roles";

export { ROLES, type Role } from "@/lib/organizations/roles";

export const API_KEY_SCOPES = [
  "projects:read",
  "projects:write",
  "webhooks:read",
  "webhooks:write",
  "webhooks:secrets",
  "deliveries:write",
  "builds:read",
  "builds:write",
  "admin",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const apiKeyScopeSchema = z.enum(API_KEY_SCOPES);

export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  "projects:read": "Read projects",
  "projects:write": "Create, update and delete projects",
  "webhooks:read": "Read webhook endpoints, deliveries and events",
  "webhooks:write": "Manage webhook endpoints, trigger rules, send tests",
  "webhooks:secrets": "Reveal and rotate webhook signing secrets",
  "deliveries:write": "Resend, recover and replay deliveries",
  "builds:read": "Read builds and deployments",
  "builds:write": "Report build status, cancel and deploy builds",
  admin: "Everything above, plus API keys and project secrets",
};

const RANK: Record<Role, number> = { viewer: 0, developer: 1, admin: 2, owner: 3 };

const PERMISSIONS = {
  "org:read": { role: "viewer", scope: "projects:read" },
  "projects:read": { role: "viewer", scope: "projects:read" },
  "projects:write": { role: "developer", scope: "projects:write" },
  "webhooks:read": { role: "viewer", scope: "webhooks:read" },
  "webhooks:write": { role: "developer", scope: "webhooks:write" },
  "webhooks:secrets": { role: "admin", scope: "webhooks:secrets" },
  "deliveries:write": { role: "developer", scope: "deliveries:write" },
  "builds:read": { role: "viewer", scope: "builds:read" },
  "builds:write": { role: "developer", scope: "builds:write" },
  "secrets:manage": { role: "admin", scope: "admin" },
  "api_keys:manage": { role: "admin", scope: "admin" },
  "audit:read": { role: "admin", scope: "admin" },
  // Members and invitations (docs/security.md#members-and-invitations): every member reads the
  // list; owners (and keys with `admin`) invite, revoke, change roles and remove; only owners
  // themselves make, demote or remove owners, or invite owners.
  "members:read": { role: "viewer", scope: "projects:read" },
  "members:manage": { role: "owner", scope: "admin" },
  "members:owners": { role: "owner", scope: null },
  "org:delete": { role: "owner", scope: null },
} as const satisfies Record<string, { role: Role; scope: ApiKeyScope | null }>;

export type Permission = keyof typeof PERMISSIONS;

/** Who is acting: a signed-in member (by role) or an API key (by scopes). */
export type Grant = { kind: "role"; role: Role } | { kind: "scopes"; scopes: readonly string[] };

export function can(grant: Grant, permission: Permission): boolean {
  const rule: { role: Role; scope: ApiKeyScope | null } = PERMISSIONS[permission];
  if (grant.kind === "role") return RANK[grant.role] >= RANK[rule.role];
  if (rule.scope === null) return false;
  return grant.scopes.includes(rule.scope) || grant.scopes.includes("admin");
}

/** What a refusal should tell the caller: the role or scope that would be allowed. */
export function requirementOf(grant: Grant, permission: Permission): string {
  const rule: { role: Role; scope: ApiKeyScope | null } = PERMISSIONS[permission];
  if (grant.kind === "role") return `This needs the ${rule.role} role or higher.`;
  return rule.scope ? `This API key needs the \`${rule.scope}\` scope.` : "API keys cannot do this; sign in as an owner.";
}

/** The API key scope a permission needs, or null when no key may have it (owner-only actions). */
export function scopeOf(permission: Permission): ApiKeyScope | null {
  return PERMISSIONS[permission].scope;
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}
