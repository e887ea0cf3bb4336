"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { EmptyState } from "@/components/ui/card";
import { LoadFailed } from "@/components/ui/query-states";
import { ReadOnlyNote } from "@/components/ui/read-only-note";
import { SectionCard } from "@/components/ui/section-card";
import { listInboxesAction } from "@/lib/actions/inboxes";
import { INBOX_LIFETIME_DAYS, INBOX_MAX_LIFETIME_DAYS, INBOXES_PER_ORGANIZATION, type InboxResource } from "@/lib/webhooks/inbox-schemas";
import { CreateInboxForm } from "./create-inbox-form";
import { InboxList } from "./inbox-list";
import { InboxRequests } from "./inbox-requests";

/** The Test inbox page: the organization's inboxes, and the requests of the one selected. */
export function InboxWorkbench({
  orgId,
  initialInboxes,
  endpoints,
  endpointByInboxUrl,
  canWrite,
}: {
  orgId: string;
  initialInboxes: InboxResource[];
  endpoints: { id: string; name: string }[];
  /** For each inbox URL an endpoint points at, that endpoint: its signatures are checked by default. */
  endpointByInboxUrl: Record<string, string>;
  canWrite: boolean;
}) {
  const query = useQuery({
    queryKey: queryKeys.inboxes(orgId),
    queryFn: () => unwrap(() => listInboxesAction(orgId, {})),
    initialData: { items: initialInboxes, nextCursor: null },
  });
  const inboxes = query.data.items;
  const [selectedId, setSelectedId] = useState<string | null>(initialInboxes[0]?.id ?? null);
  // A deleted (or expired) selection falls back to the newest inbox.
  const selected = inboxes.find((i) => i.id === selectedId) ?? inboxes[0] ?? null;

  return (
    <div className="space-y-6">
      <SectionCard
        id="inboxes"
        title="Inboxes"
        description={`Each inbox is a URL of this app that records every request sent to it (POST, PUT or PATCH). It lasts until ${INBOX_LIFETIME_DAYS} days after the last request it receives, ${INBOX_MAX_LIFETIME_DAYS} days after it was created at most. Anyone with the URL can send to it.`}
        actions={canWrite ? <CreateInboxForm orgId={orgId} onCreated={(inbox) => setSelectedId(inbox.id)} /> : undefined}
      >
        <p className="mb-4 text-xs text-neutral-500" aria-live="polite">
          {inboxes.length} of {INBOXES_PER_ORGANIZATION} inboxes
          {inboxes.length >= INBOXES_PER_ORGANIZATION ? " — the most an organization may have: delete one to create another." : ""}
        </p>
        {!canWrite && (
          <div className="mb-4">
            <ReadOnlyNote>Creating and deleting inboxes needs the developer role (developers, admins and owners). You can see every inbox and its requests.</ReadOnlyNote>
          </div>
        )}
        {query.isError && (
          <div className="mb-4">
            <LoadFailed what="inboxes" error={query.error} onRetry={() => query.refetch()} />
          </div>
        )}
        {inboxes.length === 0 ? (
          <EmptyState
              title="No inboxes yet"
              description={
                canWrite
                  ? "Create one, point an endpoint at its URL, and watch signed deliveries arrive here without running a server of your own."
                  : "A developer, admin or owner can create one; its requests will show here."
              }
          />
        ) : (
          <InboxList orgId={orgId} inboxes={inboxes} selectedId={selected?.id ?? null} onSelect={setSelectedId} canWrite={canWrite} />
        )}
      </SectionCard>
      {selected && (
        <InboxRequests
          key={selected.id}
          orgId={orgId}
          inbox={selected}
          endpoints={endpoints}
          defaultEndpointId={endpointByInboxUrl[selected.url]}
          canWrite={canWrite}
        />
      )}
    </div>
  );
}
