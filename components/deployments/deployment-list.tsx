"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { EmptyState } from "@/components/ui/card";
import { LoadMore } from "@/components/ui/load-more";
import { LiveIndicator, LoadFailed, LoadingPanel } from "@/components/ui/query-states";
import { listDeploymentsAction } from "@/lib/actions/builds";
import { anyInProgress, DeploymentTable } from "./deployment-table";

/** A project's deployments, newest first; refreshed every 3 s while one is in progress, every 30 s otherwise. */
export function DeploymentList({ orgId, projectId }: { orgId: string; projectId: string }) {
  const base = `/orgs/${orgId}/projects/${projectId}`;
  const query = useInfiniteQuery({
    queryKey: queryKeys.deployments(orgId, projectId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(() => listDeploymentsAction(orgId, { projectId, limit: 25, cursor: pageParam })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) => (anyInProgress(q.state.data?.pages.flatMap((p) => p.items) ?? []) ? 3_000 : 30_000),
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  if (query.isPending) {
    return <LoadingPanel>Loading deployments…</LoadingPanel>;
  }
  if (query.isError) {
    return <LoadFailed what="deployments" error={query.error} onRetry={() => query.refetch()} />;
  }
  if (rows.length === 0) {
    return (
      <EmptyState
        title="No deployments yet"
        description={
          <>
            Open a succeeded build on the{" "}
            <Link href={`${base}/builds`} className="font-medium text-brand-700 underline">
              Builds tab
            </Link>{" "}
            and press <strong>Deploy</strong>, or call <code className="font-mono text-xs">POST /api/v1/builds/&#123;id&#125;/deploy</code> from your CI.
          </>
        }
      />
    );
  }

  const live = anyInProgress(rows);
  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        {live ? <LiveIndicator fetching={query.isFetching} /> : <span className="text-xs text-neutral-500">Refreshes every 30 s</span>}
      </div>
      <DeploymentTable deployments={rows} buildHref={(d) => `${base}/builds/${d.build_id}`} />
      <LoadMore query={query} />
    </div>
  );
}
