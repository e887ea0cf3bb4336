"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { Spinner } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Select } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { LoadFailed, LoadingPanel } from "@/components/ui/query-states";
import { SectionCard } from "@/components/ui/section-card";
import { listInboxRequestsAction } from "@/lib/actions/inboxes";
import { INBOX_REQUEST_LIMIT, INBOX_STORAGE_LIMIT, type InboxResource } from "@/lib/webhooks/inbox-schemas";
import { curlCommand, formatMiB } from "./format";
import { InboxRequestItem } from "./inbox-request-item";

const REFRESH_MS = 3_000;

/** "Listening": the inbox is polled every few seconds; a spinner while a poll is in flight. */
function Listening({ fetching }: { fetching: boolean }) {
  return (
    <span className="flex items-center gap-2 text-xs text-neutral-500" aria-live="polite">
      {fetching ? <Spinner /> : <span className="size-2 animate-pulse rounded-full bg-success-500" aria-hidden />}
      Listening
    </span>
  );
}

function EmptyInbox({ url, canWrite }: { url: string; canWrite: boolean }) {
  const curl = curlCommand(url);
  return (
    <div className="space-y-3 rounded-card border border-dashed border-neutral-300 px-5 py-6">
      <div>
        <h3 className="text-sm font-semibold text-neutral-900">Nothing received yet</h3>
        <p className="mt-1 text-sm text-neutral-600">
          Send it anything: requests show up here within a few seconds. From a terminal:
        </p>
      </div>
      <div className="flex items-start gap-2">
        <pre aria-label="curl command" className="min-w-0 flex-1 overflow-x-auto rounded-md bg-neutral-900 px-3 py-2.5 font-mono text-xs leading-relaxed text-neutral-100">
          <code>{curl}</code>
        </pre>
        <CopyButton value={curl} />
      </div>
      <p className="text-sm text-neutral-600">
        {canWrite
          ? "Or point an endpoint at this URL and press Send test event on its page: the delivery is recorded here, signed."
          : "Or ask a developer to point an endpoint at this URL: its deliveries are recorded here, signed."}
      </p>
    </div>
  );
}

/**
 * The selected inbox's requests, newest first, refreshed every 3 s; each one's signatures are
 * checked against the endpoint chosen in the picker (all of its active secrets).
 */
export function InboxRequests({
  orgId,
  inbox,
  endpoints,
  defaultEndpointId,
  canWrite,
}: {
  orgId: string;
  inbox: InboxResource;
  endpoints: { id: string; name: string }[];
  /** An endpoint whose URL is this inbox's, preselected. */
  defaultEndpointId?: string;
  canWrite: boolean;
}) {
  const [webhookId, setWebhookId] = useState(defaultEndpointId ?? "");
  const query = useInfiniteQuery({
    queryKey: queryKeys.inboxRequests(orgId, inbox.id, webhookId || null),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(() => listInboxRequestsAction(orgId, { inboxId: inbox.id, webhookId: webhookId || undefined, cursor: pageParam })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: REFRESH_MS,
  });
  const requests = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <SectionCard
      id="inbox-requests"
      title={`Requests to ${inbox.name}`}
      description={`Newest first; the newest ${INBOX_REQUEST_LIMIT} are kept, ${formatMiB(INBOX_STORAGE_LIMIT)} at most (the oldest make room). Open one to see its headers and body.`}
      actions={<Listening fetching={query.isFetching} />}
    >
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <label htmlFor={`signature-endpoint-${inbox.id}`} className="text-sm font-medium text-neutral-800">
            Check signatures against
          </label>
          <div className="w-72 max-w-full">
            <Select
              id={`signature-endpoint-${inbox.id}`}
              aria-describedby={`signature-endpoint-${inbox.id}-hint`}
              compact
              value={webhookId}
              onChange={(e) => setWebhookId(e.target.value)}
              options={endpoints.map((e) => ({ value: e.id, label: e.name }))}
            >
              <option value="">No endpoint</option>
            </Select>
          </div>
          <span id={`signature-endpoint-${inbox.id}-hint`} className="text-xs text-neutral-500">
            {endpoints.length === 0 ? "The organization has no endpoints yet." : "Every active secret of the endpoint is tried, so both verify during a rotation."}
          </span>
        </div>
        {query.isPending ? (
          <LoadingPanel>Loading requests…</LoadingPanel>
        ) : query.isError ? (
          <LoadFailed what="requests" error={query.error} onRetry={() => query.refetch()} />
        ) : requests.length === 0 ? (
          <EmptyInbox url={inbox.url} canWrite={canWrite} />
        ) : (
          <ol aria-label={`Requests to ${inbox.name}`} className="space-y-2">
            {requests.map((request) => (
              <li key={request.id}>
                <InboxRequestItem request={request} endpointChosen={Boolean(webhookId)} />
              </li>
            ))}
          </ol>
        )}
        <LoadMore query={query} />
      </div>
    </SectionCard>
  );
}
