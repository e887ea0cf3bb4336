// Which engine delivers, and how it hears about new work (docs/delivery.md#engines): the
// embedded worker is woken in-process; with Inngest configured, events start its runs.
// Publishing, resending, recovering and replaying all tell the engine through here, after
// the deliveries are stored, so a failed notice loses nothing (the worker polls, the
// Inngest sweep re-requests stranded deliveries).
import type { AttemptRequest } from "./inngest/client";
import { notifyInngestMessagesPublished, requestDeliveryAttempts } from "./inngest/send";
import { notifyDeliveriesDue } from "./wake";

export type DeliveryEngine = "embedded" | "inngest";

/** Inngest when its event key or dev mode is configured; the embedded worker otherwise. */
export function deliveryEngine(env: Record<string, string | undefined> = process.env): DeliveryEngine {
  return env.INNGEST_EVENT_KEY || env.INNGEST_DEV ? "inngest" : "embedded";
}

/** Stored messages have deliveries due: wake the worker, or start Inngest's fan-out. */
export async function announceMessages(messages: { id: string; organizationId: string }[]) {
  if (messages.length === 0) return;
  if (deliveryEngine() === "inngest") await notifyInngestMessagesPublished(messages);
  else notifyDeliveriesDue();
}

/** Stored deliveries are due again (recovered, replayed): `due` lists them for Inngest. */
export async function announceDeliveries(due: () => Promise<AttemptRequest[]>) {
  if (deliveryEngine() === "inngest") await requestDeliveryAttempts(await due());
  else notifyDeliveriesDue();
}
