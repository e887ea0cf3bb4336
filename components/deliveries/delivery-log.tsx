"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { listDeliveriesAction } from "@/lib/actions/deliveries";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { LiveIndicator, LoadFailed, LoadingPanel } from "@/components/ui/query-states";
import { Input, Select } from "@/components/ui/field";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { EVENT_TYPES } from "@/lib/webhooks/event-catalog";
import { DeliveryDrawer } from "./delivery-drawer";
import { LoadMore } from "@/components/ui/load-more";

const RANGES = [
  { value: "1h", label: "Last hour", ms: 3600_000 },
  { value: "24h", label: "Last 24 hours", ms: 86_400_000 },
  { value: "7d", label: "Last 7 days", ms: 7 * 86_400_000 },
  { value: "30d", label: "Last 30 days", ms: 30 * 86_400_000 },
  { value: "all", label: "All time", ms: 0 },
];

type Filters = { status: string; event_type: string; webhook_id: string; range: string; event_id: string };
type DeliveryQuery = Parameters<typeof listDeliveriesAction>[1];

function sinceOf(range: string): string | undefined {
  const ms = RANGES.find((r) => r.value === range)?.ms;
  return ms ? new Date(Date.now() - ms).toISOString() : undefined;
}

/**
 * The delivery log: filters, live refresh, cursor pagination, and a drawer with every
 * attempt. Scoped to an endpoint or a project when those are given.
 */
export function DeliveryLog({
  orgId,
  projectId,
  endpointId,
  endpoints = [],
  canResend,
}: {
  orgId: string;
  projectId?: string;
  endpointId?: string;
  endpoints?: { id: string; name: string }[];
  canResend: boolean;
}) {
  const [filters, setFilters] = useState<Filters>({ status: "", event_type: "", webhook_id: endpointId ?? "", range: "7d", event_id: "" });
  const [openId, setOpenId] = useState<string | null>(null);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const query = useInfiniteQuery({
    queryKey: queryKeys.deliveryList(orgId, projectId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(() =>
        listDeliveriesAction(orgId, {
          limit: 25,
          cursor: pageParam,
          status: (filters.status || undefined) as DeliveryQuery["status"],
          event_type: (filters.event_type || undefined) as DeliveryQuery["event_type"],
          webhook_id: filters.webhook_id || undefined,
          event_id: filters.event_id.trim() || undefined,
          project_id: projectId,
          since: sinceOf(filters.range),
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5_000,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.status || filters.event_type || filters.event_id || (!endpointId && filters.webhook_id));

  return (
    <div className="space-y-4">
      <div role="search" aria-label="Filter deliveries" className="flex flex-wrap items-end gap-2">
        <label className="text-xs font-medium text-neutral-600">
          Status
          <Select aria-label="Status" className="mt-1" value={filters.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">Any status</option>
            <option value="pending">Pending</option>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
          </Select>
        </label>
        <label className="text-xs font-medium text-neutral-600">
          Event type
          <Select
            aria-label="Event type"
            className="mt-1"
            value={filters.event_type}
            onChange={(e) => set({ event_type: e.target.value })}
            options={EVENT_TYPES}
          >
            <option value="">Any event</option>
          </Select>
        </label>
        {!endpointId && endpoints.length > 0 && (
          <label className="text-xs font-medium text-neutral-600">
            Endpoint
            <Select
              aria-label="Endpoint"
              className="mt-1 max-w-48"
              value={filters.webhook_id}
              onChange={(e) => set({ webhook_id: e.target.value })}
              options={endpoints.map((e) => ({ value: e.id, label: e.name }))}
            >
              <option value="">Any endpoint</option>
            </Select>
          </label>
        )}
        <label className="text-xs font-medium text-neutral-600">
          Time
          <Select aria-label="Time range" className="mt-1" value={filters.range} onChange={(e) => set({ range: e.target.value })} options={RANGES} />
        </label>
        <label className="min-w-56 flex-1 text-xs font-medium text-neutral-600">
          Event ID
          <Input
            aria-label="Search by event ID"
            className="mt-1 font-mono"
            placeholder="evt_…"
            value={filters.event_id}
            onChange={(e) => set({ event_id: e.target.value })}
          />
        </label>
        <LiveIndicator fetching={query.isFetching} className="ml-auto pb-2" />
      </div>

      {query.isPending ? (
        <LoadingPanel>Loading deliveries…</LoadingPanel>
      ) : query.isError ? (
        <LoadFailed what="deliveries" error={query.error} onRetry={() => query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No deliveries match these filters" : "No deliveries yet"}
          description={
            filtered
              ? "Change or clear the filters to see more."
              : "When events happen (builds, deployments, project changes), each subscribed endpoint gets a delivery, listed here with every attempt."
          }
        />
      ) : (
        <Table label="Deliveries" columns={["Time", "Event", !endpointId && "Endpoint", "Status", "Attempts", "Response", "Next attempt"]}>
          {rows.map((d) => (
            <tr key={d.id} className="cursor-pointer hover:bg-neutral-50" onClick={() => setOpenId(d.id)}>
              <Td>
                <RelativeTime date={d.created_at} />
              </Td>
              <Td>
                <button
                  type="button"
                  className="text-left focus-visible:outline-2 focus-visible:outline-brand-600"
                  onClick={(e) => {
                    e.stopPropagation();
                    setOpenId(d.id);
                  }}
                  aria-label={`Open delivery of ${d.event_type} ${d.event_id}`}
                >
                  <span className="block font-medium text-neutral-900">{d.event_type}</span>
                  <span className="block font-mono text-xs text-neutral-500">{d.event_id}</span>
                </button>
              </Td>
              {!endpointId && <Td className="max-w-48 truncate">{d.webhook_name}</Td>}
              <Td>
                <StatusBadge status={d.status} />
              </Td>
              <Td>{d.attempt_count}</Td>
              <Td>
                {d.last_response_status ?? (d.last_error ? <span className="text-danger-600">error</span> : <span className="text-neutral-400">—</span>)}
              </Td>
              <Td>{d.next_attempt_at ? <RelativeTime date={d.next_attempt_at} /> : <span className="text-neutral-400">—</span>}</Td>
            </tr>
          ))}
        </Table>
      )}
      <LoadMore query={query} />
      <DeliveryDrawer orgId={orgId} deliveryId={openId} onClose={() => setOpenId(null)} canResend={canResend} />
    </div>
  );
}
