// Wire shapes of deliveries, attempts and events (§4.1), and their query parameters.
import { z } from "zod";
import { pageQuerySchema } from "@/lib/api/pagination";
import { eventTypeSchema } from "@/lib/webhooks/event-catalog";

const isoDate = z.iso.datetime({ offset: true, message: "Use an ISO-8601 date-time, e.g. 2026-01-15T10:35:00Z." });

export const deliveryListQuery = pageQuerySchema.extend({
  status: z.enum(["pending", "succeeded", "failed"]).optional(),
  event_type: eventTypeSchema.optional(),
  webhook_id: z.string().max(100).optional(),
  project_id: z.string().max(100).optional(),
  event_id: z.string().max(100).optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuery>;

export const recoverInput = z
  .object({ since: isoDate, until: isoDate.optional() })
  .refine((v) => !v.until || new Date(v.until) > new Date(v.since), { message: "`until` must be after `since`.", path: ["until"] });

export const replayInput = z.object({ webhook_id: z.string().min(1, "Name the endpoint to replay to.").max(100) });

export const eventListQuery = pageQuerySchema.extend({
  type: eventTypeSchema.optional(),
  project_id: z.string().max(100).optional(),
});
