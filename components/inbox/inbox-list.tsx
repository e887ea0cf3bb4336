"use client";

import { useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { LinkButton } from "@/components/ui/link-button";
import { RelativeTime } from "@/components/ui/time";
import { deleteInboxAction } from "@/lib/actions/inboxes";
import type { InboxResource } from "@/lib/webhooks/inbox-schemas";

/**
 * The organization's inboxes: URL to copy, expiry, the one whose requests are shown, and for
 * members who may change endpoints, "Create an endpoint" and Delete.
 */
export function InboxList({
  orgId,
  inboxes,
  selectedId,
  onSelect,
  canWrite,
}: {
  orgId: string;
  inboxes: InboxResource[];
  selectedId: string | null;
  onSelect: (inboxId: string) => void;
  canWrite: boolean;
}) {
  const [deleting, setDeleting] = useState<InboxResource | null>(null);
  const remove = useActionMutation((inbox: InboxResource) => deleteInboxAction(orgId, { inboxId: inbox.id }), {
    invalidate: [queryKeys.inboxes(orgId)],
    onSuccess: (inbox) => {
      toast.success(`Inbox ${inbox.name} deleted, with its requests.`);
      setDeleting(null);
    },
  });

  return (
    <>
      <ul aria-label="Inboxes" className="divide-y divide-neutral-100">
        {inboxes.map((inbox) => {
          const selected = inbox.id === selectedId;
          return (
            <li key={inbox.id} className="space-y-2 py-4 first:pt-0 last:pb-0">
              <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span className="font-medium text-neutral-900">{inbox.name}</span>
                {selected && <Badge tone="info">Showing requests</Badge>}
                <span className="text-xs text-neutral-500">
                  Expires <RelativeTime date={inbox.expires_at} />
                </span>
                <div className="ml-auto flex flex-wrap items-center gap-2">
                  {!selected && (
                    <Button variant="secondary" size="sm" onClick={() => onSelect(inbox.id)} aria-label={`Show the requests of ${inbox.name}`}>
                      Show requests
                    </Button>
                  )}
                  {canWrite && (
                    <Button variant="ghost" size="sm" onClick={() => setDeleting(inbox)} aria-label={`Delete ${inbox.name}`}>
                      Delete
                    </Button>
                  )}
                </div>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <code aria-label={`URL of ${inbox.name}`} className="min-w-0 flex-1 truncate rounded-md bg-neutral-50 px-2.5 py-1.5 font-mono text-xs text-neutral-800 ring-1 ring-neutral-200">
                  {inbox.url}
                </code>
                <CopyButton value={inbox.url} label="Copy URL" />
                {canWrite && (
                  <LinkButton variant="secondary" className="h-8 px-3" href={`/orgs/${orgId}/webhooks/new?url=${encodeURIComponent(inbox.url)}`}>
                    Create an endpoint for this inbox
                  </LinkButton>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
        pending={remove.isPending}
        title="Delete inbox?"
        description={
          <>
            <strong>{deleting?.name}</strong> and every request it received are deleted. Its URL stops taking requests at once: endpoints still
            pointing at it will get <code>404</code>.
          </>
        }
        confirmLabel="Delete inbox"
      />
    </>
  );
}
