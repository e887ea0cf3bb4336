// Delivery: publishing events, the delivery core (sign, send, record, decide), the retry
// policy, the embedded worker, resend/recover/replay, and the delivery log.
export * from "./context";
export * from "./core";
export * from "./disable-stale-endpoints";
export * from "./log";
export * from "./publish";
export * from "./recovery";
export * from "./retention";
export * from "./retry-policy";
export * from "./schemas";
export * from "./worker";
