"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { recoverDeliveriesAction } from "@/app/(dashboard)/orgs/[orgId]/deliveries/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { submitTo } from "@/components/ui/submit";

const WINDOWS = [
  { label: "the last hour", hours: 1 },
  { label: "the last 24 hours", hours: 24 },
  { label: "the last 3 days", hours: 72 },
  { label: "the last 7 days", hours: 168 },
  { label: "the last 30 days", hours: 720 },
];

function sinceHoursAgo(hours: number): string {
  return new Date(Date.now() - hours * 3600_000).toISOString();
}

/** "Recover failed deliveries": resend every failed delivery of an endpoint since a time. */
export function RecoverButton({ orgId, endpointId, endpointName, disabled }: { orgId: string; endpointId: string; endpointName: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const recover = useMutation({
    mutationFn: (hours: number) => recoverDeliveriesAction(orgId, endpointId, { since: sinceHoursAgo(hours) }),
    onSuccess: (result) => {
      if (!result.ok) return toast.error(result.error);
      const n = result.data.resent;
      toast.success(n === 0 ? "No failed deliveries in that window." : `Resending ${n} failed ${n === 1 ? "delivery" : "deliveries"}.`);
      setOpen(false);
      void client.invalidateQueries({ queryKey: ["deliveries", orgId] });
    },
    onError: () => toast.error("Could not reach the server. Try again."),
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} disabled={disabled} title={disabled ? "Enable the endpoint first" : undefined}>
        Recover failed deliveries
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Recover failed deliveries"
        description={`Every delivery to ${endpointName} that failed for good in the chosen window is sent once more, with its original webhook-id.`}
      >
        <form onSubmit={submitTo((form) => recover.mutate(Number(form.get("hours"))))} className="space-y-4">
          <Field label="Failed during">
            {(p) => (
              <select {...p} name="hours" defaultValue="24" className="h-9 w-full rounded-md border-0 px-3 text-sm ring-1 ring-slate-300 ring-inset">
                {WINDOWS.map((w) => (
                  <option key={w.hours} value={w.hours}>
                    {w.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={recover.isPending}>
              Recover
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
