// Incoming webhooks: trigger rules and their matching, the GitHub receiver, the manual
// trigger endpoint (secret or HMAC auth, idempotency), the shared rate limit, project secrets.
export * from "./admission";
export * from "./github";
export * from "./manual-trigger";
export * from "./project-secrets";
export * from "./rules";
export * from "./rules-store";
export * from "./schemas";
export * from "./trigger-auth";
