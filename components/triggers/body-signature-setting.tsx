"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ActiveSwitch } from "@/components/ui/switch";
import { updateProjectAction } from "@/lib/actions/projects";

/**
 * The project's trigger_body_signature setting (docs/triggers.md#body-signatures): whether the
 * trigger accepts X-Signature over the body alone, as some CI recipes sign. Turning it on asks
 * first and says what it costs; only those who manage the project's secrets may change it.
 */
export function BodySignatureSetting({ orgId, projectId, initial, canManage }: { orgId: string; projectId: string; initial: boolean; canManage: boolean }) {
  const id = useId();
  const [on, setOn] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const save = useActionMutation((next: boolean) => updateProjectAction(orgId, { projectId, trigger_body_signature: next }), {
    onSuccess: (saved) => {
      setOn(saved.trigger_body_signature);
      setConfirming(false);
      toast.success(saved.trigger_body_signature ? "Body-only signatures are accepted" : "Body-only signatures are refused again");
    },
    onError: (error) => toast.error(error.message),
  });

  return (
    <div className="rounded-lg border border-neutral-200 p-4">
      <div className="flex items-start justify-between gap-4">
        <div className="min-w-0">
          <p id={`${id}-label`} className="text-sm font-medium text-neutral-900">
            Accept signatures over the body alone
          </p>
          <p id={`${id}-cost`} className="mt-1 max-w-2xl text-sm text-neutral-600">
            For CI that signs <code className="font-mono text-xs">X-Signature: sha256=HMAC(secret, body)</code> without{" "}
            <code className="font-mono text-xs">X-Timestamp</code>. The cost: such a signature never expires, so anyone who records one request can
            send it again later. Each is accepted once within 10 minutes (a repeat answers <code className="font-mono text-xs">409</code>); after
            that the same request queues the same build again. Leave it off unless your CI cannot send a timestamp.
            {!canManage && " Only members who manage the project's secrets (admins and owners) can change it."}
          </p>
        </div>
        <ActiveSwitch
          checked={on}
          label="Accept signatures over the body alone"
          describedBy={`${id}-cost`}
          disabled={!canManage}
          pending={save.isPending}
          onChange={(next) => (next ? setConfirming(true) : save.mutate(false))}
        />
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => save.mutate(true)}
        pending={save.isPending}
        title="Accept signatures over the body alone?"
        description="A request signed this way can be replayed once 10 minutes have passed: anyone who saw it can queue the same build again. Timestamped signatures and X-Webhook-Secret keep working."
        confirmLabel="Accept body-only signatures"
      />
    </div>
  );
}
