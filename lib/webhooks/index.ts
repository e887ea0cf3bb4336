// Outgoing webhooks: endpoints, the event catalog, signing secrets, the signer and
// the public verification helper, and the test event.
export * from "./endpoints";
export * from "./event-catalog";
export * from "./schemas";
export * from "./secrets";
export * from "./sign";
export * from "./test-event";
export * from "./url-policy";
export * from "./verify";
