"use client";

import { useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { cancelBuildAction, deployBuildAction } from "@/lib/actions/builds";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { DEPLOY_ENVIRONMENTS, type BuildDetailResource } from "@/lib/builds/schemas";

/** Cancel (queued or started builds) and Deploy (succeeded builds). */
export function BuildActions({ orgId, build }: { orgId: string; build: BuildDetailResource }) {
  const [confirming, setConfirming] = useState(false);
  const [deploying, setDeploying] = useState(false);
  const [environment, setEnvironment] = useState<(typeof DEPLOY_ENVIRONMENTS)[number]>("preview");
  const invalidate = [queryKeys.build(orgId, build.id)];

  const cancel = useActionMutation(() => cancelBuildAction(orgId, { buildId: build.id }), {
    invalidate,
    onSuccess: () => toast.success(`Build #${build.number} cancelled`),
    onSettled: () => setConfirming(false),
  });
  const deploy = useActionMutation(() => deployBuildAction(orgId, { buildId: build.id, environment }), {
    invalidate,
    onSuccess: (deployment) => {
      setDeploying(false);
      toast.success(`Deploying build #${build.number} to ${deployment.environment}`);
    },
  });

  const cancellable = build.status === "queued" || build.status === "started";
  const deployable = build.status === "succeeded";
  if (!cancellable && !deployable) return null;

  return (
    <div className="flex items-center gap-2">
      {cancellable && (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Cancel build
        </Button>
      )}
      {deployable && <Button onClick={() => setDeploying(true)}>Deploy</Button>}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => cancel.mutate()}
        pending={cancel.isPending}
        title={`Cancel build #${build.number}?`}
        description="The build stops and is marked cancelled; subscribed endpoints receive build.cancelled. This cannot be undone."
        confirmLabel="Cancel build"
      />
      <Dialog open={deploying} onClose={() => setDeploying(false)} title={`Deploy build #${build.number}`} description="Subscribed endpoints receive deployment.created, then succeeded or failed.">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            deploy.mutate();
          }}
          className="space-y-4"
        >
          <fieldset>
            <legend className="text-sm font-medium text-neutral-800">Environment</legend>
            <div className="mt-2 flex gap-4">
              {DEPLOY_ENVIRONMENTS.map((env) => (
                <label key={env} className="flex items-center gap-2 text-sm">
                  <input type="radio" name="environment" value={env} checked={environment === env} onChange={() => setEnvironment(env)} />
                  {env}
                </label>
              ))}
            </div>
          </fieldset>
          <DialogActions onCancel={() => setDeploying(false)} pending={deploy.isPending}>
            Deploy to {environment}
          </DialogActions>
        </form>
      </Dialog>
    </div>
  );
}
