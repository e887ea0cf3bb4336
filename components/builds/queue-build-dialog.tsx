"use client";

import { useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { queueBuildAction } from "@/lib/actions/builds";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { useFieldErrors } from "@/components/ui/field-errors";
import { submitTo } from "@/components/ui/submit";
import { RELEASE_TYPES } from "@/lib/builds/schemas";
import { parseList } from "./format";

export type ProjectDefaults = { defaultBranch: string; defaultPlatforms: string[]; defaultFormats: string[]; defaultReleaseType: string };
type BuildRequest = Omit<Parameters<typeof queueBuildAction>[1], "projectId">;

/** "Queue build": a build from the dashboard (source `dashboard`), prefilled with the project's defaults. */
export function QueueBuildButton({ orgId, projectId, defaults }: { orgId: string; projectId: string; defaults: ProjectDefaults }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Queue build</Button>
      <QueueBuildDialog orgId={orgId} projectId={projectId} defaults={defaults} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function QueueBuildDialog({ orgId, projectId, defaults, open, onClose }: { orgId: string; projectId: string; defaults: ProjectDefaults; open: boolean; onClose: () => void }) {
  const { errors, clear, fail } = useFieldErrors();
  const mutation = useActionMutation((build: BuildRequest) => queueBuildAction(orgId, { projectId, ...build }), {
    invalidate: [queryKeys.builds(orgId, projectId)],
    onSuccess: (build) => {
      toast.success(`Build #${build.number} queued`);
      onClose();
    },
    onError: fail,
  });

  function submit(form: FormData) {
    clear();
    mutation.mutate({
      branch: String(form.get("branch") ?? "").trim() || undefined,
      platforms: parseList(String(form.get("platforms") ?? "")),
      formats: parseList(String(form.get("formats") ?? "")),
      release_type: String(form.get("release_type") ?? "dev") as BuildRequest["release_type"],
    });
  }

  return (
    <Dialog open={open} onClose={onClose} title="Queue a build" description="Starts a build now, like a push would. An older queued build of the same branch is superseded.">
      <form onSubmit={submitTo(submit)} className="space-y-4">
        <Field label="Branch" error={errors.branch}>
          {(p) => <Input {...p} name="branch" defaultValue={defaults.defaultBranch} required autoFocus />}
        </Field>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label="Platforms" hint="comma-separated, e.g. macos, windows" error={errors.platforms}>
            {(p) => <Input {...p} name="platforms" defaultValue={defaults.defaultPlatforms.join(", ")} />}
          </Field>
          <Field label="Formats" hint="comma-separated, e.g. vst3, au" error={errors.formats}>
            {(p) => <Input {...p} name="formats" defaultValue={defaults.defaultFormats.join(", ")} />}
          </Field>
        </div>
        <Field label="Release type" error={errors.release_type}>
          {(p) => (
            <Select {...p} name="release_type" defaultValue={defaults.defaultReleaseType} options={RELEASE_TYPES} />
          )}
        </Field>
        <DialogActions onCancel={onClose} pending={mutation.isPending} className="flex justify-end gap-2 pt-2">
          Queue build
        </DialogActions>
      </form>
    </Dialog>
  );
}
