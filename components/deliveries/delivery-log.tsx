"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { listDeliveriesAction } from "@/lib/actions/deliveries";
import { StatusBadge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
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

const SELECT = "h-9 rounded-md border-0 bg-white px-2.5 text-sm ring-1 ring-neutral-300 ring-inset focus:ring-2 focus:ring-brand-600";

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
          <select aria-label="Status" className={`${SELECT} mt-1 block`} value={filters.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">Any status</option>
            <option value="pending">Pending</option>
            <option value="succeeded">Succeeded</option>
            <option value="failed">Failed</option>
          </select>
        </label>
        <label className="text-xs font-medium text-neutral-600">
          Event type
          <select aria-label="Event type" className={`${SELECT} mt-1 block`} value={filters.event_type} onChange={(e) => set({ event_type: e.target.value })}>
            <option value="">Any event</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        {!endpointId && endpoints.length > 0 && (
          <label className="text-xs font-medium text-neutral-600">
            Endpoint
            <select aria-label="Endpoint" className={`${SELECT} mt-1 block max-w-48`} value={filters.webhook_id} onChange={(e) => set({ webhook_id: e.target.value })}>
              <option value="">Any endpoint</option>
              {endpoints.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="text-xs font-medium text-neutral-600">
          Time
          <select aria-label="Time range" className={`${SELECT} mt-1 block`} value={filters.range} onChange={(e) => set({ range: e.target.value })}>
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
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
        <span className="ml-auto flex items-center gap-2 pb-2 text-xs text-neutral-500" aria-live="polite">
          {query.isFetching ? <Spinner /> : <span className="size-2 rounded-full bg-success-500" aria-hidden />}
          Live
        </span>
      </div>

      {query.isPending ? (
        <div className="flex items-center justify-center gap-2 rounded-xl bg-white py-12 text-sm text-neutral-500 ring-1 ring-neutral-200">
          <Spinner /> Loading deliveries…
        </div>
      ) : query.isError ? (
        <div role="alert" className="rounded-xl bg-danger-50 px-4 py-6 text-sm text-danger-700 ring-1 ring-danger-200">
          Could not load deliveries: {query.error.message}{" "}
          <Button variant="secondary" size="sm" onClick={() => query.refetch()}>
            Try again
          </Button>
        </div>
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
        <Table label="Deliveries">
          <thead className="bg-neutral-50">
            <tr>
              <Th>Time</Th>
              <Th>Event</Th>
              {!endpointId && <Th>Endpoint</Th>}
              <Th>Status</Th>
              <Th>Attempts</Th>
              <Th>Response</Th>
              <Th>Next attempt</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-100">
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
          </tbody>
        </Table>
      )}
      <LoadMore query={query} />
      <DeliveryDrawer orgId={orgId} deliveryId={openId} onClose={() => setOpenId(null)} canResend={canResend} />
    </div>
  );
}
