// Request and resource schemas of /api/v1/webhooks. The dashboard forms use the same ones.
import { z } from "zod";
import { patchSchema } from "@/lib/validation";
import { eventTypeSchema } from "./event-catalog";
import { MASKED_HEADER_VALUE, MASKED_URL_PART } from "./masking";
import { signingSecretProblem } from "./sign";

// Headers the platform sets itself; an endpoint's custom headers may not override them.
const RESERVED_HEADERS = /^(host|content-type|content-length|user-agent|connection|transfer-encoding|webhook-.*|x-webhook-.*)$/i;

const headerName = z
  .string()
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "Not a valid HTTP header name.")
  .max(100)
  .refine((name) => !RESERVED_HEADERS.test(name), "This header is set by Control Center and cannot be overridden.");

// A masked value read back (by a caller without `webhooks:write`) is not the real one.
const MASKED_ECHO = "This is the masked value, not the real one: enter the real value.";

export const customHeadersSchema = z
  .record(
    headerName,
    z
      .string()
      .max(2000)
      .regex(/^[^\r\n]*$/, "Header values cannot contain line breaks.")
      .refine((value) => value !== MASKED_HEADER_VALUE, MASKED_ECHO),
  )
  .refine((h) => Object.keys(h).length <= 20, "At most 20 custom headers.");

export const endpointFormatSchema = z.enum(["standard", "slack", "discord"]);

/** The longest a retry schedule may wait in total: 7 days. */
export const MAX_RETRY_SCHEDULE_SECONDS = 7 * 24 * 3600;
export const MAX_RETRY_STEPS = 20;
export const MAX_RATE_PER_SECOND = 1000;

// Per-endpoint delivery policy (docs/delivery.md#delivery-policy). Null: the platform default.
const policyFields = {
  retry_schedule_seconds: z
    .array(z.number().int("Delays are whole seconds.").min(1, "Each delay is at least 1 second.").max(MAX_RETRY_SCHEDULE_SECONDS))
    .min(1, "Give at least one delay, or null for the default schedule.")
    .max(MAX_RETRY_STEPS, `At most ${MAX_RETRY_STEPS} retries.`)
    .refine(
      (steps) => steps.reduce((sum, s) => sum + s, 0) <= MAX_RETRY_SCHEDULE_SECONDS,
      `The delays add up to more than 7 days (${MAX_RETRY_SCHEDULE_SECONDS} seconds).`,
    )
    .nullable()
    .describe("Seconds to wait before each retry after the first attempt; null: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h."),
  timeout_ms: z
    .number()
    .int()
    .min(1000, "The timeout is at least 1 second (1000 ms).")
    .max(30_000, "The timeout is at most 30 seconds (30000 ms).")
    .nullable()
    .describe("How long an attempt may take (connect and response); null: 15 s."),
  ordered: z.boolean().describe("Deliver one message at a time, in order: the next waits until the previous succeeded or failed for good."),
  max_rate_per_second: z
    .number()
    .int()
    .min(1, "At least 1 delivery per second.")
    .max(MAX_RATE_PER_SECOND, `At most ${MAX_RATE_PER_SECOND} deliveries per second.`)
    .nullable()
    .describe("Attempts started per second, at most; deliveries over the rate wait. Null: no cap."),
};

export const deliveryPolicySchema = z.object(policyFields);
export type DeliveryPolicy = z.infer<typeof deliveryPolicySchema>;
/** A policy in a request: the fields sent change, the others stay (or take their defaults). */
const policyInput = z.object(policyFields).partial();

export const COMPAT_SIGNATURE_SCHEMES = ["timestamped", "body-sha256", "body-hex"] as const;
export const compatSchemeSchema = z.enum(COMPAT_SIGNATURE_SCHEMES);
export type CompatScheme = z.infer<typeof compatSchemeSchema>;

// Headers a compatibility signature may not take: the request's own and Standard Webhooks'.
const COMPAT_RESERVED = /^(host|content-type|content-length|user-agent|connection|transfer-encoding|webhook-.*)$/i;

/** The one compatibility signature (docs/delivery.md#compatibility-signatures); null: Standard Webhooks headers only. */
const compatSignatureInput = z
  .object({
    scheme: compatSchemeSchema,
    header: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "Not a valid HTTP header name.")
      .max(100)
      .refine((name) => !COMPAT_RESERVED.test(name), "This header is set by Control Center for every request; choose another name.")
      .nullable()
      .optional()
      .describe("The header that carries it; absent or null: the platform's `X-Webhook-Signature`."),
  })
  .nullable();
export type CompatSignatureInput = z.infer<typeof compatSignatureInput>;

const secretSchema = z.string().superRefine((value, ctx) => {
  const problem = signingSecretProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const webhookFields = {
  name: z.string().trim().min(1, "Give the endpoint a name.").max(100),
  url: z
    .string()
    .trim()
    .min(1, "Enter the URL that receives the events.")
    .max(2048)
    .refine((url) => !url.includes(MASKED_URL_PART), "This URL is masked (…): enter the full URL."),
  description: z.string().trim().max(500).nullable(),
  events: z
    .array(eventTypeSchema)
    .max(50)
    .transform((events) => [...new Set(events)]),
  project_id: z.string().max(100).nullable(),
  format: endpointFormatSchema,
  headers: customHeadersSchema,
  active: z.boolean(),
  policy: policyInput,
  compat_signature: compatSignatureInput,
};

export const createWebhookInput = z.object({
  ...webhookFields,
  description: webhookFields.description.optional(),
  events: webhookFields.events.optional().default([]),
  project_id: webhookFields.project_id.optional(),
  format: webhookFields.format.default("standard"),
  headers: webhookFields.headers.default({}),
  active: webhookFields.active.default(true),
  policy: webhookFields.policy.optional(),
  compat_signature: webhookFields.compat_signature.optional(),
  secret: secretSchema.optional(),
});
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;

export const updateWebhookInput = patchSchema(webhookFields);
export type UpdateWebhookInput = z.infer<typeof updateWebhookInput>;

export const rotateSecretInput = z.object({
  overlap_seconds: z
    .number()
    .int()
    .min(0, "Use 0 to retire the old secret at once.")
    .max(7 * 24 * 3600, "The overlap can be at most 7 days (604800 seconds).")
    .default(24 * 3600),
});

export const webhookListQuery = z.object({
  project_id: z.string().max(100).optional(),
});

export const endpointHealthStateSchema = z.enum(["active", "disabled", "auto_disabled"]);

/** An endpoint's health at a glance (docs/delivery.md#endpoint-health). */
export const endpointHealthSchema = z.object({
  success_rate_24h: z.number().nullable().describe("Share of attempts in the last 24 h that got a 2xx, 0–1; null without attempts."),
  attempts_24h: z.number().int(),
  success_rate_7d: z.number().nullable(),
  attempts_7d: z.number().int(),
  p50_ms: z.number().int().nullable().describe("Median attempt duration over the last 24 h (approximate: from latency buckets)."),
  p95_ms: z.number().int().nullable(),
  last_success_at: z.string().nullable(),
  failing_since: z.string().nullable().describe("When the current run of failures began; null when the last attempt succeeded."),
  state: endpointHealthStateSchema,
});
export type EndpointHealth = z.infer<typeof endpointHealthSchema>;

export const healthWindowQuery = z.object({ window: z.enum(["24h", "7d"]).default("24h") });

/** `GET /webhooks/{id}/health`: the summary and one point per hour (24 h) or per 6 hours (7 d). */
export const endpointHealthSeriesResource = z.object({
  window: z.enum(["24h", "7d"]),
  health: endpointHealthSchema,
  series: z.array(
    z.object({
      start: z.string().describe("Start of the interval (UTC)."),
      attempts: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      success_rate: z.number().nullable(),
      p50_ms: z.number().int().nullable(),
      p95_ms: z.number().int().nullable(),
    }),
  ),
});
export type EndpointHealthSeries = z.infer<typeof endpointHealthSeriesResource>;

export const webhookResource = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().describe("The full URL for callers with `webhooks:write`; for others, token-like path segments and query values are `…`."),
  description: z.string().nullable(),
  events: z.array(z.string()),
  project_id: z.string().nullable(),
  format: endpointFormatSchema,
  headers: z.record(z.string(), z.string()).describe("Custom headers; the values are `••••` for callers without `webhooks:write`."),
  active: z.boolean(),
  disabled_reason: z.string().nullable(),
  /** Who disabled it: a person (`user`) or the platform (`system`: 410 Gone, or 5 days of failures). */
  disabled_by: z.enum(["user", "system"]).nullable(),
  disabled_at: z.string().nullable(),
  policy: deliveryPolicySchema,
  compat_signature: z.object({ scheme: compatSchemeSchema, header: z.string() }).nullable(),
  health: endpointHealthSchema.optional().describe("Delivery health over the last 24 hours (list and get)."),
  created_at: z.string(),
  updated_at: z.string(),
});
export type WebhookResource = z.infer<typeof webhookResource>;

export const secretResource = z.object({
  secret: z.string(),
  previous_secrets: z.array(z.object({ secret: z.string(), expires_at: z.string() })),
});
export type SecretResource = z.infer<typeof secretResource>;
