// Outgoing webhooks: the event catalog, endpoints and their state and health, the URL policy,
// signing secrets, the signer and payload formats, the public verification helper, and test inboxes.
export * from "./endpoint-state";
export * from "./endpoint-target";
export * from "./endpoints";
export * from "./event-catalog";
export * from "./health";
export * from "./inbox";
export * from "./inbox-schemas";
export * from "./inbox-verify";
export * from "./masking";
export * from "./payload";
export * from "./schemas";
export * from "./secrets";
export * from "./sign";
export * from "./url-policy";
export * from "./verify";
