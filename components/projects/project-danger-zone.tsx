"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { DangerZone, TypeToConfirmDialog } from "@/components/ui/danger-zone";
import { deleteProjectAction } from "@/lib/actions/projects";

/** Deleting the project, confirmed by typing its name. */
export function ProjectDangerZone({ orgId, project, canDelete }: { orgId: string; project: { id: string; name: string }; canDelete: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useActionMutation(() => deleteProjectAction(orgId, { projectId: project.id }), {
    onSuccess: (deleted) => {
      toast.success(`Project ${deleted.name} deleted`);
      router.push(`/orgs/${orgId}`);
    },
  });

  return (
    <>
      <DangerZone
        heading="Delete this project"
        actionLabel="Delete project"
        onAction={() => setOpen(true)}
        deniedReason={canDelete ? undefined : "Developers, admins and owners can delete projects."}
      >
        <p>
          Its builds, deployments, domains, trigger rules, secrets and project endpoints are deleted with it. Organization-wide endpoints
          receive <code className="font-mono text-xs">project.deleted</code>.
        </p>
      </DangerZone>
      <TypeToConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Delete ${project.name}?`}
        description="This cannot be undone. Builds, deployments, domains, trigger rules, secrets and the endpoints of this project are deleted."
        name={project.name}
        confirmLabel="Delete project"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
      />
    </>
  );
}
