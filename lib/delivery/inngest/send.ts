// Telling Inngest that deliveries are owed (publish, recover, replay). These never throw:
// the message and its deliveries are already stored when they are called, and a send that
// fails is caught up by the stranded-delivery sweep, so the caller's request still succeeds.
import { attemptRequested, inngest, messagePublished, type AttemptRequest } from "./client";

/** Events per request to Inngest's event API (well under its payload limit). */
export const EVENTS_PER_SEND = 500;

type Client = Pick<typeof inngest, "send">;

/** A fan-out run starts once per message; the event id makes a repeated notice a no-op. */
export function messagePublishedEvent(messageId: string, orgId: string) {
  return messagePublished.create({ messageId, orgId }, { id: `published-${messageId}` });
}

export function attemptRequestedEvent(request: AttemptRequest, id?: string) {
  return attemptRequested.create({ deliveryId: request.deliveryId, endpointId: request.endpointId }, id ? { id } : undefined);
}

async function sendInChunks(client: Client, events: ReturnType<typeof messagePublishedEvent | typeof attemptRequestedEvent>[]) {
  try {
    for (let i = 0; i < events.length; i += EVENTS_PER_SEND) await client.send(events.slice(i, i + EVENTS_PER_SEND));
    return true;
  } catch (error) {
    console.error("[inngest] sending events failed; the stranded-delivery sweep will catch up:", error instanceof Error ? error.message : error);
    return false;
  }
}

/** After publishing: starts the fan-out of each message. Returns false when Inngest could not be told. */
export function notifyInngestMessagesPublished(messages: { id: string; organizationId: string }[], client: Client = inngest) {
  return sendInChunks(client, messages.map((m) => messagePublishedEvent(m.id, m.organizationId)));
}

export function notifyInngestMessagePublished(messageId: string, orgId: string, client: Client = inngest) {
  return notifyInngestMessagesPublished([{ id: messageId, organizationId: orgId }], client);
}

/** After a recovery or replay: one delivery run per delivery. */
export function requestDeliveryAttempts(requests: AttemptRequest[], client: Client = inngest) {
  return sendInChunks(client, requests.map((r) => attemptRequestedEvent(r)));
}
