"use client";

import { useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { recoverDeliveriesAction } from "@/lib/actions/deliveries";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Select } from "@/components/ui/field";
import { submitTo } from "@/components/ui/submit";

const SINCE = [
  { hours: 1, label: "the last hour" },
  { hours: 24, label: "the last 24 hours" },
  { hours: 72, label: "the last 3 days" },
  { hours: 7 * 24, label: "the last 7 days" },
  { hours: 30 * 24, label: "the last 30 days" },
];

/** "Resend every failed delivery of this endpoint since T", after fixing the receiver. */
export function RecoverDeliveries({ orgId, endpointId, active, canRecover }: { orgId: string; endpointId: string; active: boolean; canRecover: boolean }) {
  const [open, setOpen] = useState(false);
  const recover = useActionMutation(
    (hours: number) => recoverDeliveriesAction(orgId, { endpointId, since: new Date(Date.now() - hours * 3600_000).toISOString() }),
    {
      invalidate: [queryKeys.deliveries(orgId)],
      onSuccess: ({ resent: n }) => {
        setOpen(false);
        if (n === 0) toast.info("No failed deliveries in that period: nothing to resend.");
        else toast.success(`${n} failed ${n === 1 ? "delivery" : "deliveries"} queued to be sent again.`);
      },
    },
  );
  const reason = !canRecover
    ? "Developers, admins and owners can recover deliveries."
    : !active
      ? "Enable the endpoint first: disabled endpoints receive nothing."
      : undefined;

  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        size="sm"
        onClick={() => setOpen(true)}
        disabled={Boolean(reason)}
        title={reason}
        aria-describedby={reason ? "recover-deliveries-reason" : undefined}
      >
        Recover failed…
      </Button>
      {reason && (
        <p id="recover-deliveries-reason" className="max-w-56 text-right text-xs text-neutral-500">
          {reason}
        </p>
      )}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Recover failed deliveries"
        description="Every delivery to this endpoint that failed for good in the chosen period is sent again, with its original webhook-id."
      >
        <form
          onSubmit={submitTo((form) => {
            recover.mutate(Number(form.get("since_hours") ?? 24));
          })}
          className="space-y-4"
        >
          <Field label="Failed during">
            {(p) => (
              <Select {...p} name="since_hours" defaultValue={24} options={SINCE.map((s) => ({ value: s.hours, label: s.label }))} />
            )}
          </Field>
          <DialogActions onCancel={() => setOpen(false)} pending={recover.isPending}>
            Resend failed deliveries
          </DialogActions>
        </form>
      </Dialog>
    </div>
  );
}
