// The one permission check: pages, server actions and the API all ask `can()`.
// A user's role grants a permission when it ranks at least the permission's role; an API key
// grants it when it holds the permission's scope (or `admin`) *and* the member it acts for
// holds it by their current role: a key never does more than its creator could do now
// (docs/security.md#roles-and-api-key-scopes).
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

/**
 * Who is acting: a signed-in member (by role), or an API key (by its scopes, and the current
 * role of the member it acts for: its creator).
 */
export type Grant = { kind: "role"; role: Role } | { kind: "scopes"; scopes: readonly string[]; role: Role };

type Rule = { role: Role; scope: ApiKeyScope | null };

const scopeGrants = (scopes: readonly string[], rule: Rule) => rule.scope !== null && (scopes.includes(rule.scope) || scopes.includes("admin"));

export function can(grant: Grant, permission: Permission): boolean {
  const rule: Rule = PERMISSIONS[permission];
  if (RANK[grant.role] < RANK[rule.role]) return false;
  return grant.kind === "role" || scopeGrants(grant.scopes, rule);
}

/** What a refusal should tell the caller: the role or scope that would be allowed. */
export function requirementOf(grant: Grant, permission: Permission): string {
  const rule: Rule = PERMISSIONS[permission];
  if (grant.kind === "role") return `This needs the ${rule.role} role or higher.`;
  if (rule.scope === null) return "API keys cannot do this; sign in as an owner.";
  if (!scopeGrants(grant.scopes, rule)) return `This API key needs the \`${rule.scope}\` scope.`;
  return `This API key acts for a member whose role is now ${grant.role}; this needs the ${rule.role} role or higher.`;
}

/**
 * The lowest role that may hold each scope on a key: the lowest role of the permissions the
 * scope opens (`admin` opens API keys, project secrets and the audit log: admin).
 */
const SCOPE_ROLE = Object.fromEntries(
  API_KEY_SCOPES.map((scope) => {
    const roles = Object.values(PERMISSIONS as Record<string, Rule>)
      .filter((rule) => rule.scope === scope)
      .map((rule) => rule.role);
    return [scope, roles.reduce((low, r) => (RANK[r] < RANK[low] ? r : low), "owner" as Role)];
  }),
) as Record<ApiKeyScope, Role>;

/** The scopes a member with `role` may put on a key (and that a key of theirs keeps). */
export function scopesOfRole(role: Role): ApiKeyScope[] {
  return API_KEY_SCOPES.filter((scope) => RANK[role] >= RANK[SCOPE_ROLE[scope]]);
}

/**
 * A key's scopes once the member it acts for holds `role`: `admin` stands for every scope, so
 * an admin key of a member demoted to developer keeps the developer's scopes. Unchanged when
 * the role holds them all.
 */
export function narrowScopes(scopes: readonly string[], role: Role): ApiKeyScope[] {
  const held = scopesOfRole(role);
  const known = scopes.filter((s): s is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(s));
  if (known.every((s) => held.includes(s))) return known;
  const wanted = known.includes("admin") ? API_KEY_SCOPES : known;
  return wanted.filter((s) => held.includes(s) && s !== "admin");
}

/** The API key scope a permission needs, or null when no key may have it (owner-only actions). */
export function scopeOf(permission: Permission): ApiKeyScope | null {
  return PERMISSIONS[permission].scope;
}

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}
