// The roles a member holds in an organization, highest first. What each role may do is
// decided in one place, lib/auth/permissions.ts.
export const ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];
