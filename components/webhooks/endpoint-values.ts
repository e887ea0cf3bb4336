import { byField } from "@/components/ui/field-errors";
import type { FieldError } from "@/lib/errors";
import type { EventType } from "@/lib/webhooks/event-catalog";
import type { WebhookResource } from "@/lib/webhooks/schemas";

/** What the endpoint form edits, in the API's wire names. */
export type EndpointValues = Pick<WebhookResource, "name" | "url" | "description" | "project_id" | "format" | "headers" | "active"> & { events: EventType[] };

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortedEntries = (h: Record<string, string>) => Object.entries(h).sort(([a], [b]) => a.localeCompare(b));

/** Only the fields that differ from the saved endpoint (the audit log then names exactly those). */
export function changedFields(saved: WebhookResource, next: EndpointValues): Partial<EndpointValues> {
  const changes: Partial<EndpointValues> = {};
  for (const key of ["name", "url", "description", "project_id", "format", "active"] as const) {
    if (saved[key] !== next[key]) Object.assign(changes, { [key]: next[key] });
  }
  if (!sameJson([...saved.events].sort(), [...next.events].sort())) changes.events = next.events;
  if (!sameJson(sortedEntries(saved.headers), sortedEntries(next.headers))) changes.headers = next.headers;
  return changes;
}

/** Server field errors by form field; a refused custom header names the header. */
export function serverFieldErrors(errors: FieldError[] | undefined): Record<string, string> {
  const map = byField(errors);
  const header = errors?.find((e) => e.field.startsWith("headers."));
  if (header) {
    const name = header.field.slice("headers.".length);
    map.headers = `${name}: ${header.message}`;
  }
  return map;
}
