"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { deleteWebhookAction } from "@/lib/actions/webhooks";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DangerZone } from "@/components/ui/danger-zone";

const PERMISSION = "Developers, admins and owners can delete endpoints.";

export function EndpointDangerZone({ orgId, endpoint, canDelete }: { orgId: string; endpoint: { id: string; name: string }; canDelete: boolean }) {
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
    <>
      <DangerZone
        heading="Delete this endpoint"
        actionLabel="Delete endpoint"
        onAction={() => setConfirming(true)}
        deniedReason={canDelete ? undefined : PERMISSION}
      >
        <p>
          It stops receiving events at once; its secret and delivery log are deleted. To pause it instead, turn off <em>Active</em>.
        </p>
      </DangerZone>
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
    </>
  );
}
