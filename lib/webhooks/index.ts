// Outgoing webhooks: the event catalog, endpoints and their state, the URL policy, signing
// secrets, the signer and payload formats, and the public verification helper.
export * from "./endpoint-state";
export * from "./endpoint-target";
export * from "./endpoints";
export * from "./event-catalog";
export * from "./masking";
export * from "./payload";
export * from "./schemas";
export * from "./secrets";
export * from "./sign";
export * from "./url-policy";
export * from "./verify";
