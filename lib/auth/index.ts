// Authentication and authorization: users and passwords, API keys, roles and scopes.
// The Auth.js configuration lives in ./authjs (imported only by the app layer).
export * from "./api-keys";
export * from "./member-credentials";
export * from "./permissions";
export * from "./users";
