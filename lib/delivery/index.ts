// Delivery (docs/delivery.md): publishing events, claiming due deliveries, the delivery core
// (sign, send, record, decide), the retry policy, the engines (embedded worker, Inngest) and
// how they hear about new work, resend/recover/replay, test events, and the delivery log.
export * from "./auto-disable";
export * from "./claim";
export * from "./context";
export * from "./core";
export * from "./engine";
export * from "./log";
export * from "./maintenance";
export * from "./publish";
export * from "./recovery";
export * from "./retention";
export * from "./retry-policy";
export * from "./schemas";
export * from "./test-event";
export * from "./worker";
