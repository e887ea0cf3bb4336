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
};

export const createWebhookInput = z.object({
  ...webhookFields,
  description: webhookFields.description.optional(),
  events: webhookFields.events.optional().default([]),
  project_id: webhookFields.project_id.optional(),
  format: webhookFields.format.default("standard"),
  headers: webhookFields.headers.default({}),
  active: webhookFields.active.default(true),
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
  created_at: z.string(),
  updated_at: z.string(),
});
export type WebhookResource = z.infer<typeof webhookResource>;

export const secretResource = z.object({
  secret: z.string(),
  previous_secrets: z.array(z.object({ secret: z.string(), expires_at: z.string() })),
});
export type SecretResource = z.infer<typeof secretResource>;
