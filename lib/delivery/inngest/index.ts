// The Inngest delivery engine (docs/delivery.md#engines): the client and its events, the functions
// (fan-out, deliver with retries, stranded-delivery sweep, auto-disable, log retention),
// and the helpers that tell Inngest about new work. Used only when deliveryEngine() is
// "inngest"; every attempt still goes through the one delivery core (../core.ts).
export * from "./attempt-delivery";
export * from "./client";
export * from "./deliveries-to-request";
export * from "./functions";
export * from "./send";
