/** Inngest runs deliveries when it is configured (§5); the embedded worker otherwise. */
export function deliveryEngine(): "embedded" | "inngest" {
  return process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV ? "inngest" : "embedded";
}
