"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { recoverDeliveriesAction } from "@/app/(dashboard)/orgs/[orgId]/deliveries/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { submitTo } from "@/components/ui/submit";

const SINCE = [
  { hours: 1, label: "the last hour" },
  { hours: 24, label: "the last 24 hours" },
  { hours: 72, label: "the last 3 days" },
  { hours: 7 * 24, label: "the last 7 days" },
  { hours: 30 * 24, label: "the last 30 days" },
];

/** "Resend every failed delivery of this endpoint since T" (§3.4), after fixing the receiver. */
export function RecoverDeliveries({ orgId, endpointId, active, canRecover }: { orgId: string; endpointId: string; active: boolean; canRecover: boolean }) {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const recover = useMutation({
    mutationFn: (hours: number) =>
      recoverDeliveriesAction(orgId, endpointId, { since: new Date(Date.now() - hours * 3600_000).toISOString() }).catch(() => ({ ok: false as const, error: "Could not reach the server. Try again." })),
    onSuccess: (result) => {
      if (!result.ok) return toast.error(result.error);
      setOpen(false);
      const n = result.data.resent;
      if (n === 0) toast.info("No failed deliveries in that period: nothing to resend.");
      else toast.success(`${n} failed ${n === 1 ? "delivery" : "deliveries"} queued to be sent again.`);
      void client.invalidateQueries({ queryKey: ["deliveries", orgId] });
    },
  });
  const reason = !canRecover
    ? "Developers and above can recover deliveries."
    : !active
      ? "Enable the endpoint first: disabled endpoints receive nothing."
      : undefined;

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} disabled={Boolean(reason)} title={reason}>
        Recover failed…
      </Button>
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
              <select
                {...p}
                name="since_hours"
                defaultValue={24}
                className="block h-9 w-full rounded-md border-0 bg-white px-3 text-sm ring-1 ring-neutral-300 ring-inset focus:ring-2 focus:ring-brand-600"
              >
                {SINCE.map((s) => (
                  <option key={s.hours} value={s.hours}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <DialogActions onCancel={() => setOpen(false)} pending={recover.isPending}>
            Resend failed deliveries
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
