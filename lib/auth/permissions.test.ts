import { describe, expect, it } from "vitest";
import { API_KEY_SCOPES, can, narrowScopes, requirementOf, roleAtLeast, ROLES, scopesOfRole, type ApiKeyScope, type Grant, type Role } from "./permissions";

const role = (r: Role): Grant => ({ kind: "role", role: r });
/** A key of an owner: its scopes alone decide. */
const scopes = (...s: ApiKeyScope[]): Grant => ({ kind: "scopes", scopes: s, role: "owner" });
const keyOf = (holder: Role, ...s: ApiKeyScope[]): Grant => ({ kind: "scopes", scopes: s, role: holder });

describe("roles", () => {
  it("rank owner > admin > developer > viewer", () => {
    expect(ROLES).toEqual(["owner", "admin", "developer", "viewer"]);
    expect(roleAtLeast("owner", "admin")).toBe(true);
    expect(roleAtLeast("admin", "developer")).toBe(true);
    expect(roleAtLeast("developer", "viewer")).toBe(true);
    expect(roleAtLeast("developer", "developer")).toBe(true);
    expect(roleAtLeast("viewer", "developer")).toBe(false);
    expect(roleAtLeast("developer", "admin")).toBe(false);
    expect(roleAtLeast("admin", "owner")).toBe(false);
  });

  it("let a viewer read but not change webhooks or projects", () => {
    expect(can(role("viewer"), "webhooks:read")).toBe(true);
    expect(can(role("viewer"), "projects:read")).toBe(true);
    expect(can(role("viewer"), "webhooks:write")).toBe(false);
    expect(can(role("viewer"), "projects:write")).toBe(false);
  });

  it("let a developer manage webhooks and resend deliveries, but not reveal secrets", () => {
    expect(can(role("developer"), "webhooks:write")).toBe(true);
    expect(can(role("developer"), "deliveries:write")).toBe(true);
    expect(can(role("developer"), "webhooks:secrets")).toBe(false);
    expect(can(role("developer"), "secrets:manage")).toBe(false);
  });

  it("let an admin manage secrets and API keys and read the audit log", () => {
    expect(can(role("admin"), "secrets:manage")).toBe(true);
    expect(can(role("admin"), "webhooks:secrets")).toBe(true);
    expect(can(role("admin"), "api_keys:manage")).toBe(true);
    expect(can(role("admin"), "audit:read")).toBe(true);
  });

  it("keep member management and organization deletion to owners", () => {
    expect(can(role("owner"), "members:manage")).toBe(true);
    expect(can(role("owner"), "members:owners")).toBe(true);
    expect(can(role("owner"), "org:delete")).toBe(true);
    for (const r of ["admin", "developer", "viewer"] as const) {
      expect(can(role(r), "members:manage")).toBe(false);
      expect(can(role(r), "members:owners")).toBe(false);
      expect(can(role(r), "org:delete")).toBe(false);
    }
  });

  it("let every member read the members list", () => {
    for (const r of ROLES) expect(can(role(r), "members:read")).toBe(true);
  });
});

describe("API key scopes", () => {
  it("grant exactly the permission of a held scope", () => {
    expect(can(scopes("webhooks:write"), "webhooks:write")).toBe(true);
    expect(can(scopes("webhooks:write"), "webhooks:secrets")).toBe(false);
    expect(can(scopes("builds:read"), "projects:write")).toBe(false);
    expect(can(scopes("projects:read"), "projects:write")).toBe(false);
    expect(can(scopes("projects:read"), "org:read")).toBe(true);
  });

  it("need the admin scope for secrets, API keys and the audit log", () => {
    const everythingButAdmin = scopes(...API_KEY_SCOPES.filter((s) => s !== "admin"));
    expect(can(everythingButAdmin, "secrets:manage")).toBe(false);
    expect(can(everythingButAdmin, "api_keys:manage")).toBe(false);
    expect(can(everythingButAdmin, "audit:read")).toBe(false);
    expect(can(scopes("admin"), "secrets:manage")).toBe(true);
    expect(can(scopes("admin"), "api_keys:manage")).toBe(true);
  });

  it("treat admin as a superscope for every scoped permission", () => {
    for (const permission of ["projects:write", "webhooks:write", "webhooks:secrets", "deliveries:write", "builds:write"] as const) {
      expect(can(scopes("admin"), permission)).toBe(true);
    }
  });

  it("never grant owner-only permissions, not even with every scope", () => {
    const all = scopes(...API_KEY_SCOPES);
    expect(can(all, "members:owners")).toBe(false);
    expect(can(all, "org:delete")).toBe(false);
  });

  it("let admin keys manage members (never owners) and read scopes list them", () => {
    expect(can(scopes("admin"), "members:manage")).toBe(true);
    expect(can(scopes("admin"), "members:owners")).toBe(false);
    expect(can(scopes(...API_KEY_SCOPES.filter((s) => s !== "admin")), "members:manage")).toBe(false);
    expect(can(scopes("projects:read"), "members:read")).toBe(true);
    expect(can(scopes("webhooks:read"), "members:read")).toBe(false);
  });

  it("grant nothing without scopes", () => {
    expect(can(scopes(), "projects:read")).toBe(false);
  });
});

describe("API keys act for their creator's current role", () => {
  it("grant only what both the scopes and the creator's role allow", () => {
    expect(can(keyOf("admin", "admin"), "secrets:manage")).toBe(true);
    expect(can(keyOf("admin", "admin"), "members:manage")).toBe(false);
    expect(can(keyOf("owner", "admin"), "members:manage")).toBe(true);
    expect(can(keyOf("viewer", "admin"), "webhooks:read")).toBe(true);
    expect(can(keyOf("viewer", "admin"), "webhooks:write")).toBe(false);
    expect(can(keyOf("viewer", "admin"), "webhooks:secrets")).toBe(false);
    expect(can(keyOf("developer", "webhooks:secrets"), "webhooks:secrets")).toBe(false);
  });

  it("say which role the creator lacks when the scope is there", () => {
    expect(requirementOf(keyOf("admin", "admin"), "members:manage")).toBe(
      "This API key acts for a member whose role is now admin; this needs the owner role or higher.",
    );
  });

  it("let each role mint only the scopes of what it may do", () => {
    expect(scopesOfRole("viewer")).toEqual(["projects:read", "webhooks:read", "builds:read"]);
    expect(scopesOfRole("developer")).toEqual(["projects:read", "projects:write", "webhooks:read", "webhooks:write", "deliveries:write", "builds:read", "builds:write"]);
    expect(scopesOfRole("admin")).toEqual([...API_KEY_SCOPES]);
    expect(scopesOfRole("owner")).toEqual([...API_KEY_SCOPES]);
  });

  it("narrow a key to its holder's new role, reading admin as every scope", () => {
    expect(narrowScopes(["admin"], "owner")).toEqual(["admin"]);
    expect(narrowScopes(["admin"], "developer")).toEqual(scopesOfRole("developer"));
    expect(narrowScopes(["admin"], "viewer")).toEqual(["projects:read", "webhooks:read", "builds:read"]);
    expect(narrowScopes(["webhooks:write", "webhooks:secrets"], "developer")).toEqual(["webhooks:write"]);
    expect(narrowScopes(["webhooks:secrets"], "viewer")).toEqual([]);
    expect(narrowScopes(["builds:read"], "viewer")).toEqual(["builds:read"]);
  });
});

describe("requirementOf", () => {
  it("names the scope a key needs", () => {
    expect(requirementOf(scopes("builds:read"), "projects:write")).toBe("This API key needs the `projects:write` scope.");
  });

  it("names the role a member needs", () => {
    expect(requirementOf(role("viewer"), "webhooks:write")).toBe("This needs the developer role or higher.");
  });

  it("says when a key can never do it", () => {
    expect(requirementOf(scopes("admin"), "members:owners")).toBe("API keys cannot do this; sign in as an owner.");
  });
});
