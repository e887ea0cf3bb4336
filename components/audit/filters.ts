// The audit log's filters as the page's URL holds them (?actor=&action=&resource_id=&range= or
// &since=&until=), so a filtered view can be shared, and as the list query asks for them.
// Plain functions: the page (server) reads the URL with them, the log (client) writes it.

export const RANGES = [
  { value: "", label: "All time", ms: 0 },
  { value: "1h", label: "Last hour", ms: 3600_000 },
  { value: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
  { value: "custom", label: "Custom range…", ms: 0 },
] as const;

export type AuditFilters = {
  actor: string;
  action: string;
  resource_id: string;
  /** One of RANGES' values; "custom" uses since/until. */
  range: string;
  /** ISO date-times, for the custom range. */
  since: string;
  until: string;
};

export const NO_FILTERS: AuditFilters = { actor: "", action: "", resource_id: "", range: "", since: "", until: "" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 200) ?? "";

/** The filters of a URL's query. Values are checked by the server when the list asks for them. */
export function filtersFromSearchParams(params: Record<string, string | string[] | undefined>): AuditFilters {
  const since = first(params.since);
  const until = first(params.until);
  const range = first(params.range);
  return {
    actor: first(params.actor),
    action: first(params.action),
    resource_id: first(params.resource_id),
    range: since || until ? "custom" : RANGES.some((r) => r.value === range) ? range : "",
    since,
    until,
  };
}

/** The URL query of the filters ("" when none is set). */
export function searchOf(filters: AuditFilters): string {
  const params = new URLSearchParams();
  if (filters.actor) params.set("actor", filters.actor);
  if (filters.action) params.set("action", filters.action);
  if (filters.resource_id.trim()) params.set("resource_id", filters.resource_id.trim());
  if (filters.range === "custom") {
    if (filters.since) params.set("since", filters.since);
    if (filters.until) params.set("until", filters.until);
  } else if (filters.range) {
    params.set("range", filters.range);
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}

export function isFiltered(filters: AuditFilters): boolean {
  return searchOf(filters) !== "";
}

/** What the list asks the server for: the filters set, a relative range turned into `since` at `now`. */
export function queryOf(filters: AuditFilters, now: number) {
  const ms = RANGES.find((r) => r.value === filters.range)?.ms;
  return {
    actor: filters.actor || undefined,
    action: filters.action || undefined,
    resource_id: filters.resource_id.trim() || undefined,
    since: filters.range === "custom" ? filters.since || undefined : ms ? new Date(now - ms).toISOString() : undefined,
    until: filters.range === "custom" ? filters.until || undefined : undefined,
  };
}
