// What the delivery core needs from the outside world, passed in so tests can swap
// the clock and the sender instead of sleeping or mocking modules.
import { config } from "@/lib/config";
import type { Db } from "@/lib/db";
import { createSender, type Sender } from "./sender";

export interface DeliveryContext {
  db: Db;
  send: Sender;
  now: () => Date;
  headerPrefix: string;
}

const globalForSender = globalThis as unknown as { __controlCenterSender?: Sender };

/** The process-wide sender: one keep-alive pool shared by every attempt. */
export function defaultSender(): Sender {
  globalForSender.__controlCenterSender ??= createSender({ allowPrivate: config().allowPrivateEndpoints });
  return globalForSender.__controlCenterSender;
}

export function deliveryContext(db: Db, overrides: Partial<DeliveryContext> = {}): DeliveryContext {
  return { db, send: defaultSender(), now: () => new Date(), headerPrefix: config().signatureHeaderPrefix, ...overrides };
}
