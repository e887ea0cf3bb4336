"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { DangerZone, TypeToConfirmDialog } from "@/components/ui/danger-zone";
import { useFieldErrors } from "@/components/ui/field-errors";
import { deleteOrganizationAction } from "@/lib/actions/organizations";

/** Deleting the organization: owners only, after typing its name; everything it owns goes with it. */
export function OrganizationDangerZone({ orgId, orgName, canDelete }: { orgId: string; orgName: string; canDelete: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { errors, clear, fail } = useFieldErrors();
  const remove = useActionMutation((confirmName: string) => deleteOrganizationAction(orgId, { confirm_name: confirmName }), {
    onSuccess: ({ name, next }) => {
      toast.success(`${name} and everything in it was deleted`);
      router.replace(next);
      router.refresh();
    },
    onError: fail,
  });

  return (
    <>
      <DangerZone
        heading="Delete this organization"
        actionLabel="Delete organization"
        onAction={() => setOpen(true)}
        deniedReason={canDelete ? undefined : "Only owners can delete the organization."}
      >
        <p>
          Its projects, builds, webhook endpoints, events and deliveries, API keys, members, invitations and audit log are deleted at once.
          This cannot be undone.
        </p>
      </DangerZone>
      <TypeToConfirmDialog
        open={open}
        onClose={() => {
          setOpen(false);
          clear();
        }}
        title="Delete organization?"
        description={
          <>
            Everything in <strong className="text-neutral-900">{orgName}</strong> is deleted: projects, builds, endpoints, deliveries, API
            keys (they stop working), members and invitations. This cannot be undone.
          </>
        }
        name={orgName}
        confirmLabel="Delete organization"
        pending={remove.isPending}
        error={errors.confirm_name}
        onConfirm={(typed) => {
          clear();
          remove.mutate(typed);
        }}
      />
    </>
  );
}
