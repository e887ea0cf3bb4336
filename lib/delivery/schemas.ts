// Wire shapes of deliveries, attempts and events, and their query parameters.
import { z } from "zod";
import { pageQuerySchema } from "@/lib/validation";
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

export const deliveryResource = z.object({
  id: z.string(),
  event_id: z.string(),
  event_type: z.string(),
  webhook_id: z.string(),
  webhook_name: z.string(),
  project_id: z.string().nullable(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempt_count: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_response_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const attemptResource = z.object({
  id: z.string(),
  number: z.number().int(),
  trigger: z.enum(["auto", "manual", "test"]),
  sent_at: z.string(),
  request_url: z.string(),
  request_headers: z.record(z.string(), z.string()),
  request_body: z.string(),
  response_status: z.number().int().nullable(),
  response_headers: z.record(z.string(), z.string()).nullable(),
  response_body: z.string().nullable(),
  duration_ms: z.number().int(),
  error: z.string().nullable(),
});

export const deliveryDetailResource = deliveryResource.extend({ attempts: z.array(attemptResource) });

export const eventResource = z.object({
  id: z.string(),
  type: z.string(),
  project_id: z.string().nullable(),
  timestamp: z.string(),
  data: z.unknown(),
});

/** The answer of "Send test event": the attempt's outcome, shown inline. */
export const testEventResult = z.object({
  delivery_id: z.string(),
  event_id: z.string(),
  status: z.enum(["succeeded", "failed"]),
  response_status: z.number().int().nullable(),
  duration_ms: z.number().int(),
  response_body: z.string(),
  error: z.string().nullable(),
});
export type TestEventResult = z.infer<typeof testEventResult>;

export const resendResult = z.object({
  delivery_id: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempt: z.number().int(),
  response_status: z.number().int().nullable(),
});

export const recoverResult = z.object({ resent: z.number().int() });

export const replayResult = z.object({ delivery_id: z.string(), status: z.enum(["pending", "succeeded", "failed"]) });
