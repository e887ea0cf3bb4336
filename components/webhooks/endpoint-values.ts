import { byField } from "@/components/ui/field-errors";
import type { FieldError } from "@/lib/errors";
import type { EventType } from "@/lib/webhooks/event-catalog";
import type { DeliveryPolicy, WebhookResource } from "@/lib/webhooks/schemas";
import { compatChanged, type CompatSignatureValue } from "./compat-signature-values";
import { changedPolicy } from "./delivery-policy-values";

/** What the endpoint form edits, in the API's wire names. */
export type EndpointValues = Pick<WebhookResource, "name" | "url" | "description" | "project_id" | "format" | "headers" | "active"> & {
  events: EventType[];
  policy: DeliveryPolicy;
  compat_signature: CompatSignatureValue;
};

/** A PATCH from the form: the policy names only its changed fields. */
export type EndpointChanges = Partial<Omit<EndpointValues, "policy">> & { policy?: Partial<DeliveryPolicy> };

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortedEntries = (h: Record<string, string>) => Object.entries(h).sort(([a], [b]) => a.localeCompare(b));

/** Only the fields that differ from the saved endpoint (the audit log then names exactly those). */
export function changedFields(saved: WebhookResource, next: EndpointValues, headerPrefix: string): EndpointChanges {
  const changes: EndpointChanges = {};
  for (const key of ["name", "url", "description", "project_id", "format", "active"] as const) {
    if (saved[key] !== next[key]) Object.assign(changes, { [key]: next[key] });
  }
  if (!sameJson([...saved.events].sort(), [...next.events].sort())) changes.events = next.events;
  if (!sameJson(sortedEntries(saved.headers), sortedEntries(next.headers))) changes.headers = next.headers;
  const policy = changedPolicy(saved.policy, next.policy);
  if (Object.keys(policy).length > 0) changes.policy = policy;
  if (compatChanged(saved.compat_signature, next.compat_signature, headerPrefix)) changes.compat_signature = next.compat_signature;
  return changes;
}

// Fields whose errors are shown next to a part of them (a retry step, the signature header),
// so their errors keep the whole path as well as the top-level name.
const NESTED = ["policy.", "compat_signature."];

/** Server field errors by form field; a refused custom header names the header. */
export function serverFieldErrors(errors: FieldError[] | undefined): Record<string, string> {
  const map = byField(errors);
  const header = errors?.find((e) => e.field.startsWith("headers."));
  if (header) {
    const name = header.field.slice("headers.".length);
    map.headers = `${name}: ${header.message}`;
  }
  for (const e of errors ?? []) {
    if (NESTED.some((prefix) => e.field.startsWith(prefix))) map[e.field] ??= e.message;
  }
  return map;
}

/** Whether any error belongs to `group` ("policy"), at its top or inside it. */
export function hasGroupError(errors: Record<string, string>, group: string): boolean {
  return Object.keys(errors).some((field) => field === group || field.startsWith(`${group}.`));
}

/** The error about `group` as a whole: one that no part of the group shows already. */
export function groupOnlyError(errors: Record<string, string>, group: string): string | undefined {
  return Object.keys(errors).some((field) => field.startsWith(`${group}.`)) ? undefined : errors[group];
}
