"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { deleteProjectAction } from "@/lib/actions/projects";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { SectionCard } from "@/components/ui/section-card";
import { submitTo } from "@/components/ui/submit";
import { ReadOnlyNote } from "./read-only-note";

/** Deleting the project, confirmed by typing its name. */
export function ProjectDangerZone({ orgId, project, canDelete }: { orgId: string; project: { id: string; name: string }; canDelete: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === project.name;
  const close = () => {
    setOpen(false);
    setTyped("");
  };
  const remove = useActionMutation(() => deleteProjectAction(orgId, { projectId: project.id }), {
    onSuccess: (deleted) => {
      toast.success(`Project ${deleted.name} deleted`);
      router.push(`/orgs/${orgId}`);
    },
  });

  return (
    <SectionCard id="danger-zone" title="Danger zone" tone="danger">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="max-w-2xl text-sm text-neutral-600">
          <p className="font-medium text-neutral-900">Delete this project</p>
          <p>
            Its builds, deployments, domains, trigger rules, secrets and project endpoints are deleted with it. Organization-wide endpoints
            receive <code className="font-mono text-xs">project.deleted</code>.
          </p>
        </div>
        {canDelete && (
          <Button variant="danger" onClick={() => setOpen(true)}>
            Delete project
          </Button>
        )}
      </div>
      {!canDelete && (
        <div className="mt-3">
          <ReadOnlyNote>Developers, admins and owners can delete projects.</ReadOnlyNote>
        </div>
      )}
      <Dialog
        open={open}
        onClose={close}
        title={`Delete ${project.name}?`}
        description="This cannot be undone. Builds, deployments, domains, trigger rules, secrets and the endpoints of this project are deleted."
      >
        <form onSubmit={submitTo(() => matches && remove.mutate())} className="space-y-4">
          <Field label={`Type ${project.name} to confirm`}>
            {(p) => (
              <Input {...p} name="confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} autoFocus />
            )}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={!matches} loading={remove.isPending}>
              Delete project
            </Button>
          </div>
        </form>
      </Dialog>
    </SectionCard>
  );
}

