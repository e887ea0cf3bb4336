// Which engine delivers, and how it hears about new work (docs/delivery.md#engines): the
// embedded worker is woken in-process; with Inngest configured, events start its runs.
// Publishing, resending, recovering and replaying all tell the engine through here, after
// the deliveries are stored, so a failed notice loses nothing (the worker polls, the
// Inngest sweep re-requests stranded deliveries).
import { inngestEngineConfigured } from "@/lib/config";
import type { AttemptRequest } from "./inngest/client";
import { notifyInngestMessagesPublished, requestDeliveryAttempts } from "./inngest/send";
import { notifyDeliveriesDue } from "./wake";

export type DeliveryEngine = "embedded" | "inngest";

/**
 * Inngest when its event key or dev mode is configured (INNGEST_DEV read as the SDK reads it:
 * "0"/"false" is off); the embedded worker otherwise.
 */
export function deliveryEngine(env: Record<string, string | undefined> = process.env): DeliveryEngine {
  return inngestEngineConfigured(env) ? "inngest" : "embedded";
}

/**
 * Stored messages have deliveries due: wake the worker, or start Inngest's fan-out. A message
 * published with no deliveries (publishEventsIn counts them in `pendingDeliveries`) is skipped:
 * its fan-out would find nothing to request.
 */
export async function announceMessages(messages: { id: string; organizationId: string; pendingDeliveries?: number }[]) {
  const due = messages.filter((m) => m.pendingDeliveries !== 0);
  if (due.length === 0) return;
  if (deliveryEngine() === "inngest") await notifyInngestMessagesPublished(due.map((m) => ({ id: m.id, organizationId: m.organizationId })));
  else notifyDeliveriesDue();
}

/** Stored deliveries are due again (recovered, replayed): `due` lists them for Inngest. */
export async function announceDeliveries(due: () => Promise<AttemptRequest[]>) {
  if (deliveryEngine() === "inngest") await requestDeliveryAttempts(await due());
  else notifyDeliveriesDue();
}
