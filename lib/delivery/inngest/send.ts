// Telling Inngest that deliveries are owed (publish, recover, replay). These never throw, and
// never wait longer than SEND_TIMEOUT_MS: the message and its deliveries are already stored
// when they are called, and a send that fails or is late is caught up by the stranded-delivery
// sweep, so the caller's request still succeeds, promptly (docs/delivery.md#engines).
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

/**
 * How long a caller (usually an API request) waits for Inngest to take its events. The SDK
 * retries a failed send with backoff and has no time limit of its own.
 */
export const SEND_TIMEOUT_MS = 2_000;

type SendEvents = ReturnType<typeof messagePublishedEvent | typeof attemptRequestedEvent>[];

/** True when Inngest took every event within `timeoutMs`; false (logged once) otherwise. */
async function sendInChunks(client: Client, events: SendEvents, timeoutMs: number): Promise<boolean> {
  let late = false;
  const sending = (async () => {
    for (let i = 0; i < events.length && !late; i += EVENTS_PER_SEND) await client.send(events.slice(i, i + EVENTS_PER_SEND));
    return !late;
  })().catch((error: unknown) => {
    // After the deadline the caller has its answer and the timeout was logged: the late failure is not.
    if (!late) console.error("[inngest] sending events failed; the stranded-delivery sweep will catch up:", error instanceof Error ? error.message : error);
    return false;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      // The send in flight cannot be cancelled; its result is ignored and no further chunk is sent.
      late = true;
      console.error(`[inngest] Inngest did not take the events within ${timeoutMs} ms; not waiting, the stranded-delivery sweep will catch up`);
      resolve(false);
    }, timeoutMs);
  });
  try {
    return await Promise.race([sending, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** After publishing: starts the fan-out of each message. Returns false when Inngest could not be told in time. */
export function notifyInngestMessagesPublished(
  messages: { id: string; organizationId: string }[],
  client: Client = inngest,
  timeoutMs = SEND_TIMEOUT_MS,
) {
  return sendInChunks(client, messages.map((m) => messagePublishedEvent(m.id, m.organizationId)), timeoutMs);
}

export function notifyInngestMessagePublished(messageId: string, orgId: string, client: Client = inngest, timeoutMs = SEND_TIMEOUT_MS) {
  return notifyInngestMessagesPublished([{ id: messageId, organizationId: orgId }], client, timeoutMs);
}

/** After a recovery or replay: one delivery run per delivery. */
export function requestDeliveryAttempts(requests: AttemptRequest[], client: Client = inngest, timeoutMs = SEND_TIMEOUT_MS) {
  return sendInChunks(client, requests.map((r) => attemptRequestedEvent(r)), timeoutMs);
}
