"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { setWebhookActiveAction } from "@/app/(dashboard)/orgs/[orgId]/webhooks/actions";
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
  const client = useQueryClient();
  // The optimistic value while the server has not answered; the saved one otherwise.
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const toggle = useMutation({
    mutationFn: async (active: boolean) => {
      const result = await setWebhookActiveAction(orgId, endpoint.id, active).catch(() => ({
        ok: false as const,
        error: "Could not reach the server. Try again.",
      }));
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onMutate: (active) => setOptimistic(active),
    onError: (error, active) => {
      setOptimistic(null);
      toast.error(`Could not ${active ? "enable" : "disable"} ${endpoint.name}: ${error.message}`);
    },
    onSuccess: (updated) => {
      toast.success(updated.active ? `${updated.name} enabled: it receives events again.` : `${updated.name} disabled: no events are sent to it.`);
      void client.invalidateQueries({ queryKey: ["webhooks", orgId] });
      router.refresh();
    },
  });
  const checked = optimistic ?? endpoint.active;
  // Once the refreshed page shows the saved value, drop the optimistic one.
  if (optimistic !== null && !toggle.isPending && optimistic === endpoint.active) setOptimistic(null);

  return (
    <label className="inline-flex items-center gap-2 text-sm font-medium text-neutral-700">
      <ActiveSwitch
        checked={checked}
        label={`Active: ${endpoint.name}`}
        disabled={!canWrite}
        pending={toggle.isPending}
        title={canWrite ? undefined : "Developers and above can enable or disable endpoints."}
        onChange={(active) => toggle.mutate(active)}
      />
      <span aria-hidden>{checked ? "Active" : "Disabled"}</span>
    </label>
  );
}
