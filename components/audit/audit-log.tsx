"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { LoadMore } from "@/components/ui/load-more";
import { LoadFailed, LoadingPanel } from "@/components/ui/query-states";
import { listAuditLogAction } from "@/lib/actions/audit";
import { AuditFilterBar, type AuditFilterOptions } from "./audit-filter-bar";
import { AuditTable } from "./audit-table";
import { NO_FILTERS, isFiltered, queryOf, searchOf, type AuditFilters } from "./filters";

const PAGE_SIZE = 25;

/** `value`, once it has stopped changing for `ms` (typing in the resource id). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The audit log: filters kept in the page's URL (a filtered view can be shared), entries newest
 * first, "Load more" for older ones.
 */
export function AuditLog({ orgId, options, initialFilters }: { orgId: string; options: AuditFilterOptions; initialFilters: AuditFilters }) {
  const [filters, setFilters] = useState<AuditFilters>(initialFilters);
  const resourceId = useSettled(filters.resource_id.trim(), 300);
  const applied = { ...filters, resource_id: resourceId };
  // A relative range ("last 24 hours") is anchored when the first page loads; later pages keep it.
  const since = useRef<string | undefined>(undefined);

  // The URL follows the filters without a navigation (Next.js keeps its router in step with history.replaceState).
  const search = searchOf(filters);
  useEffect(() => {
    if (window.location.search !== search) window.history.replaceState(window.history.state, "", `${window.location.pathname}${search}`);
  }, [search]);

  const query = useInfiniteQuery({
    queryKey: queryKeys.auditLogList(orgId, applied),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => {
      const filterQuery = queryOf(applied, Date.now());
      if (pageParam === undefined) since.current = filterQuery.since;
      return unwrap(() => listAuditLogAction(orgId, { limit: PAGE_SIZE, cursor: pageParam, ...filterQuery, since: since.current }));
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const set = (patch: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const entries = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = isFiltered(filters);

  return (
    <div className="space-y-4">
      <AuditFilterBar filters={filters} options={options} onChange={set} />
      {query.isPending ? (
        <LoadingPanel>Loading the audit log…</LoadingPanel>
      ) : query.isError ? (
        <LoadFailed what="the audit log" error={query.error} onRetry={() => query.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState
          title={filtered ? "No entries match these filters" : "Nothing recorded yet"}
          description={
            filtered
              ? "Change or clear the filters to see more."
              : "Secret reveals and rotations, API keys, endpoints, projects and members: every change appears here, with who made it and from where."
          }
          action={
            filtered ? (
              <Button variant="secondary" onClick={() => setFilters(NO_FILTERS)}>
                Clear filters
              </Button>
            ) : undefined
          }
        />
      ) : (
        <AuditTable entries={entries} onFilter={set} />
      )}
      <LoadMore query={query} />
    </div>
  );
}
