"use client";

import { useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { cancelBuildAction, deployBuildAction } from "@/lib/actions/builds";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { RadioCards } from "@/components/ui/radio-cards";
import type { BuildDetailResource, DeployEnvironment } from "@/lib/builds/schemas";

const ENVIRONMENTS = [
  { value: "preview" as const, label: "preview", description: "A URL of its own for this build, to try it before release." },
  { value: "production" as const, label: "production", description: "The project's live URL: what your users get." },
];

/** Why Deploy is not available, or null when it is. */
function deployRefusal(build: BuildDetailResource, canWrite: boolean): string | null {
  if (!canWrite) return "Deploying needs the developer role or higher.";
  if (build.status === "succeeded") return null;
  if (build.status === "queued" || build.status === "started") return `Only succeeded builds can be deployed; Deploy becomes available when build #${build.number} succeeds.`;
  return `Only succeeded builds can be deployed; build #${build.number} is ${build.status}.`;
}

/** Cancel (queued or started builds) and Deploy (succeeded builds; otherwise disabled with the reason). */
export function BuildActions({ orgId, projectId, build, canWrite }: { orgId: string; projectId: string; build: BuildDetailResource; canWrite: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [deploying, setDeploying] = useState(false);
  const [environment, setEnvironment] = useState<DeployEnvironment>("preview");
  const invalidate = [queryKeys.build(orgId, build.id), queryKeys.builds(orgId, projectId), queryKeys.deployments(orgId, projectId)];

  const cancel = useActionMutation(() => cancelBuildAction(orgId, { buildId: build.id }), {
    invalidate,
    onSuccess: () => toast.success(`Build #${build.number} cancelled`),
    onSettled: () => setConfirming(false),
  });
  const deploy = useActionMutation(() => deployBuildAction(orgId, { buildId: build.id, environment }), {
    invalidate,
    onSuccess: (deployment) => {
      setDeploying(false);
      toast.success(`Deploying build #${build.number} to ${deployment.environment}`, { description: deployment.url ?? undefined });
    },
  });

  const cancellable = canWrite && (build.status === "queued" || build.status === "started");
  const refusal = deployRefusal(build, canWrite);

  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex items-center gap-2">
        {cancellable && (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Cancel build
          </Button>
        )}
        <Button onClick={() => setDeploying(true)} disabled={refusal !== null} title={refusal ?? undefined} aria-describedby={refusal ? "deploy-refusal" : undefined}>
          Deploy
        </Button>
      </div>
      {refusal && (
        <p id="deploy-refusal" className="max-w-sm text-right text-xs text-neutral-500">
          {refusal}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => cancel.mutate()}
        pending={cancel.isPending}
        title={`Cancel build #${build.number}?`}
        description="The build stops and is marked cancelled; subscribed endpoints receive build.cancelled. This cannot be undone."
        confirmLabel="Cancel build"
      />
      <Dialog
        open={deploying}
        onClose={() => setDeploying(false)}
        title={`Deploy build #${build.number}`}
        description="Subscribed endpoints receive deployment.created now, then succeeded, failed or canceled when the deployer reports how it went."
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            deploy.mutate();
          }}
          className="space-y-4"
        >
          <RadioCards name="environment" legend="Environment" options={ENVIRONMENTS} value={environment} onChange={setEnvironment} />
          <DialogActions onCancel={() => setDeploying(false)} pending={deploy.isPending}>
            Deploy to {environment}
          </DialogActions>
        </form>
      </Dialog>
    </div>
  );
}
