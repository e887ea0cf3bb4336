import type { WebhookResource } from "@/lib/webhooks/schemas";

export const FORMAT_LABELS: Record<WebhookResource["format"], string> = {
  standard: "Standard JSON",
  slack: "Slack",
  discord: "Discord",
};

/** What the signing secret looks like before it is revealed. */
export const MASKED_SECRET = "whsec_••••••••••••••••";

export function endpointStatus(endpoint: Pick<WebhookResource, "active">): "active" | "disabled" {
  return endpoint.active ? "active" : "disabled";
}

export function eventsSummary(events: readonly string[]): string {
  if (events.length === 0) return "All events";
  return events.length === 1 ? events[0] : `${events.length} events`;
}
