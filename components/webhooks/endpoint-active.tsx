"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { updateWebhookAction } from "@/lib/actions/webhooks";
import { ActiveSwitch } from "@/components/ui/switch";

/** The Active switch of the endpoint page: flips at once, rolls back if the server refuses. */
export function EndpointActive({
  orgId,
  endpoint,
  canWrite,
}: {
  orgId: string;
  endpoint: { id: string; name: string; active: boolean };
  canWrite: boolean;
}) {
  const router = useRouter();
  // The optimistic value while the server has not answered; the saved one otherwise.
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const toggle = useActionMutation((active: boolean) => updateWebhookAction(orgId, { endpointId: endpoint.id, active }), {
    invalidate: [queryKeys.webhooks(orgId)],
    onMutate: (active) => setOptimistic(active),
    onError: (error, active) => {
      setOptimistic(null);
      toast.error(`Could not ${active ? "enable" : "disable"} ${endpoint.name}: ${error.message}`);
    },
    onSuccess: (updated) => {
      toast.success(updated.active ? `${updated.name} enabled: it receives events again.` : `${updated.name} disabled: no events are sent to it.`);
      router.refresh();
    },
  });
  const checked = optimistic ?? endpoint.active;
  // Once the refreshed page shows the saved value, drop the optimistic one.
  if (optimistic !== null && !toggle.isPending && optimistic === endpoint.active) setOptimistic(null);

  const explanation = "Developers, admins and owners can turn it on or off.";
  return (
    <div className="flex flex-col items-end gap-1">
      <label className="inline-flex items-center gap-2 text-sm font-medium text-neutral-700">
        <ActiveSwitch
          checked={checked}
          label={`Active: ${endpoint.name}`}
          disabled={!canWrite}
          pending={toggle.isPending}
          title={canWrite ? undefined : explanation}
          describedBy={canWrite ? undefined : "endpoint-active-permission"}
          onChange={(active) => toggle.mutate(active)}
        />
        <span aria-hidden>{checked ? "Active" : "Disabled"}</span>
      </label>
      {!canWrite && (
        <p id="endpoint-active-permission" className="max-w-56 text-right text-xs text-neutral-500">
          {explanation}
        </p>
      )}
    </div>
  );
}
