// The Inngest client and the events the delivery engine speaks (docs/delivery.md#engines).
// The SDK reads its own settings from the environment: INNGEST_EVENT_KEY (send events),
// INNGEST_SIGNING_KEY (verify Inngest's calls to /api/inngest) and INNGEST_DEV (1 or the
// dev server's URL: local development without keys).
import { eventType, Inngest } from "inngest";
import { z } from "zod";

export const inngest = new Inngest({ id: "control-center" });

/** A message was stored with its pending deliveries: fan it out to one run per delivery. */
export const messagePublished = eventType("delivery/message.published", {
  schema: z.object({ messageId: z.string().min(1), orgId: z.string().min(1) }),
});

/**
 * Attempt one delivery now and follow its retry schedule (fan-out, resend, recover,
 * replay). `endpointId` keys the per-endpoint concurrency limit.
 */
export const attemptRequested = eventType("delivery/attempt.requested", {
  schema: z.object({ deliveryId: z.string().min(1), endpointId: z.string().min(1) }),
});

export type AttemptRequest = { deliveryId: string; endpointId: string };
