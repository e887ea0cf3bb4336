"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { deleteWebhookAction } from "@/lib/actions/webhooks";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SectionCard } from "@/components/ui/section-card";

export function DangerZone({ orgId, endpoint, canDelete }: { orgId: string; endpoint: { id: string; name: string }; canDelete: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const remove = useActionMutation(() => deleteWebhookAction(orgId, { endpointId: endpoint.id }), {
    invalidate: [queryKeys.webhooks(orgId)],
    onSuccess: (deleted) => {
      setConfirming(false);
      toast.success(`Endpoint ${deleted.name} deleted`);
      router.push(`/orgs/${orgId}/webhooks`);
    },
  });

  return (
    <SectionCard id="danger-zone" title="Danger zone" tone="danger">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="text-sm text-neutral-600">
          <p className="font-medium text-neutral-900">Delete this endpoint</p>
          <p>
            It stops receiving events at once; its secret and delivery log are deleted. To pause it instead, turn off{" "}
            <em>Active</em>.
          </p>
          {!canDelete && <p className="mt-1 text-xs text-neutral-500">Developers, admins and owners can delete endpoints.</p>}
        </div>
        <Button
          variant="danger"
          onClick={() => setConfirming(true)}
          disabled={!canDelete}
          title={canDelete ? undefined : "Developers and above can delete endpoints."}
        >
          Delete endpoint
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
        title="Delete endpoint?"
        description={
          <>
            <strong className="text-neutral-900">{endpoint.name}</strong> stops receiving events immediately. Its signing secret and
            delivery log are deleted. This cannot be undone.
          </>
        }
        confirmLabel="Delete endpoint"
      />
    </SectionCard>
  );
}
