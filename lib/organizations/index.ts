// Organizations own projects, endpoints and keys; users reach them through memberships with a
// role. Members, invitations, creating and deleting organizations: docs/security.md#members-and-invitations.
export * from "./invitations";
export * from "./lifecycle";
export * from "./members";
export * from "./organizations";
export { ROLE_DESCRIPTIONS, type Role } from "./roles";
export * from "./schemas";
export { appOrigin } from "./origin";
