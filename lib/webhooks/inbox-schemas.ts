// The test inbox's wire shapes and limits (docs/delivery.md#test-inbox). Client-safe: the
// dashboard reads the limits and types from here.
import { z } from "zod";
import { compatSchemeSchema } from "./schemas";

/** How long an inbox takes requests after it is created, and after each request it receives… */
export const INBOX_LIFETIME_DAYS = 7;
/** …but never longer than this after it was created. */
export const INBOX_MAX_LIFETIME_DAYS = 30;
/** How many requests an inbox keeps: the newest. */
export const INBOX_REQUEST_LIMIT = 100;
/** The largest body an inbox records. */
export const INBOX_BODY_LIMIT = 256 * 1024;
/** Requests per minute one inbox takes over HTTP. */
export const INBOX_REQUESTS_PER_MINUTE = 600;
/** Inboxes an organization may have that have not expired. */
export const INBOXES_PER_ORGANIZATION = 20;
/** Inboxes an organization may create per hour. */
export const INBOX_CREATIONS_PER_HOUR = 10;
/** Bytes of requests (bodies, header names and values) one inbox keeps: the newest requests. */
export const INBOX_STORAGE_LIMIT = 10 * 1024 * 1024;
/** Bytes of requests all of an organization's inboxes keep together: the newest requests. */
export const ORGANIZATION_INBOX_STORAGE_LIMIT = 50 * 1024 * 1024;
export const DEFAULT_INBOX_NAME = "Test inbox";

export const createInboxInput = z.object({
  name: z.string().trim().min(1, "Give the inbox a name, or leave the name out.").max(100).optional(),
});
export type CreateInboxInput = z.infer<typeof createInboxInput>;

export const inboxResource = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().describe("Where to send requests: POST (or PUT, PATCH) anything; no authentication, the URL is the secret."),
  expires_at: z.string(),
  created_at: z.string(),
});
export type InboxResource = z.infer<typeof inboxResource>;

export const inboxRequestQuery = z.object({
  webhook_id: z.string().max(100).optional().describe("Verify each request's signatures against this endpoint's active secrets."),
});

export const inboxRequestResource = z.object({
  id: z.string(),
  method: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  received_at: z.string(),
  signature_valid: z
    .boolean()
    .nullable()
    .describe("Whether the Standard Webhooks signature verifies against the endpoint's active secrets; null without `webhook_id` or without a `webhook-signature` header."),
  signature_problem: z.string().nullable().describe("Why the signature did not verify; null when it did or was not checked."),
  compat_signature: z
    .object({ scheme: compatSchemeSchema, header: z.string(), valid: z.boolean() })
    .nullable()
    .describe("The endpoint's compatibility signature, when it has one and the request carries its header."),
});
export type InboxRequestResource = z.infer<typeof inboxRequestResource>;
