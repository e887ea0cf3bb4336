// What the delivery core needs from the outside world, passed in so tests can swap
// the clock and the sender instead of sleeping or mocking modules.
import "server-only";
import { config } from "@/lib/config";
import { processSingleton } from "@/lib/config/singleton";
import type { Db } from "@/lib/db";
import { urlPolicy } from "@/lib/webhooks";
import { withInboxDelivery } from "./inbox-sender";
import { createSender, type Sender } from "./sender";

export interface DeliveryContext {
  db: Db;
  send: Sender;
  now: () => Date;
  headerPrefix: string;
}

/**
 * The process-wide sender: one keep-alive pool shared by every attempt, holding every attempt to
 * the endpoint URL rules of the operator's settings (docs/security.md#endpoint-urls).
 */
export function defaultSender(): Sender {
  return processSingleton("delivery-sender", () => createSender(urlPolicy()));
}

/** The context of the delivery core; the default sender records deliveries to this app's own test inboxes in process (./inbox-sender.ts). */
export function deliveryContext(db: Db, overrides: Partial<DeliveryContext> = {}): DeliveryContext {
  const now = overrides.now ?? (() => new Date());
  return { db, send: withInboxDelivery(defaultSender(), db, now), now, headerPrefix: config().signatureHeaderPrefix, ...overrides };
}
