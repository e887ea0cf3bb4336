// The roles a member holds in an organization, highest first. What each role may do is
// decided in one place, lib/auth/permissions.ts.
export const ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** What each role may do, in words for the Members page and the invitation dialog (the rules are in lib/auth/permissions.ts). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything admins do, plus members, invitations and roles, and deleting the organization.",
  admin: "Everything developers do, plus revealing and rotating secrets, API keys and the audit log.",
  developer: "Manages projects, webhook endpoints and trigger rules; sends tests, resends deliveries, queues and deploys builds.",
  viewer: "Reads projects, builds, endpoints, deliveries and members; changes nothing.",
};
