"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { listBuildsAction } from "@/lib/actions/builds";
import { StatusBadge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/card";
import { LiveIndicator, LoadFailed, LoadingPanel } from "@/components/ui/query-states";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { formatDuration, shortSha } from "./format";
import { LoadMore } from "@/components/ui/load-more";

/** The project's builds, newest first, refreshed every 3 s while the page is open. */
export function BuildList({ orgId, projectId, canQueue }: { orgId: string; projectId: string; /** Developers and above: Queue build is above. */ canQueue: boolean }) {
  const base = `/orgs/${orgId}/projects/${projectId}`;
  const query = useInfiniteQuery({
    queryKey: queryKeys.builds(orgId, projectId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(() => listBuildsAction(orgId, { projectId, limit: 25, cursor: pageParam })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 3_000,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  if (query.isPending) {
    return <LoadingPanel>Loading builds…</LoadingPanel>;
  }
  if (query.isError) {
    return <LoadFailed what="builds" error={query.error} onRetry={() => query.refetch()} />;
  }
  if (rows.length === 0) {
    return (
      <EmptyState
        title="No builds yet"
        description={
          <>
            Builds start from GitHub pushes and releases, from your CI through the trigger endpoint, or from <strong>Queue build</strong>{" "}
            {canQueue ? "above" : "(developers, admins and owners)"}. Set up
            push and release rules and copy the trigger snippet on the{" "}
            <Link href={`${base}/triggers`} className="font-medium text-brand-700 underline">
              Triggers tab
            </Link>
            .
          </>
        }
      />
    );
  }

  return (
    <div className="space-y-4">
      <LiveIndicator fetching={query.isFetching} className="justify-end" />
      <Table label="Builds" columns={["Build", "Status", "Source", "Branch", "Commit", "Platforms / formats", "Duration", "Created"]}>
        {rows.map((b) => (
          <tr key={b.id} className="hover:bg-neutral-50">
            <Td>
              <Link href={`${base}/builds/${b.id}`} className="font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                #{b.number}
              </Link>
              {b.version && <span className="ml-2 text-xs text-neutral-500">v{b.version}</span>}
            </Td>
            <Td>
              <StatusBadge status={b.status} />
            </Td>
            <Td>{b.source}</Td>
            <Td className="font-mono text-xs">{b.branch ?? b.ref ?? "—"}</Td>
            <Td className="max-w-64">
              {b.commit_sha ? (
                <span className="block truncate" title={b.commit_message ?? undefined}>
                  <code className="font-mono text-xs">{shortSha(b.commit_sha)}</code> {b.commit_message && <span className="text-neutral-600">{b.commit_message}</span>}
                </span>
              ) : (
                <span className="text-neutral-400">—</span>
              )}
            </Td>
            <Td className="text-xs">
              {b.platforms.join(", ")}
              {b.formats.length > 0 && <span className="block text-neutral-500">{b.formats.join(", ")}</span>}
            </Td>
            <Td>{formatDuration(b.duration_seconds)}</Td>
            <Td>
              <RelativeTime date={b.created_at} />
            </Td>
          </tr>
        ))}
      </Table>
      <LoadMore query={query} />
    </div>
  );
}
