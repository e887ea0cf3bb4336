// What the delivery core needs from the outside world, passed in so tests can swap
// the clock and the sender instead of sleeping or mocking modules.
import "server-only";
import { config } from "@/lib/config";
import { processSingleton } from "@/lib/config/singleton";
import type { Db } from "@/lib/db";
import { createSender, type Sender } from "./sender";

export interface DeliveryContext {
  db: Db;
  send: Sender;
  now: () => Date;
  headerPrefix: string;
}

/** The process-wide sender: one keep-alive pool shared by every attempt. */
export function defaultSender(): Sender {
  return processSingleton("delivery-sender", () => createSender({ allowPrivate: config().allowPrivateEndpoints }));
}

export function deliveryContext(db: Db, overrides: Partial<DeliveryContext> = {}): DeliveryContext {
  return { db, send: defaultSender(), now: () => new Date(), headerPrefix: config().signatureHeaderPrefix, ...overrides };
}
