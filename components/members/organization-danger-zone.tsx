"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";
import { useFieldErrors } from "@/components/ui/field-errors";
import { SectionCard } from "@/components/ui/section-card";
import { submitTo } from "@/components/ui/submit";
import { deleteOrganizationAction } from "@/lib/actions/organizations";

/** Deleting the organization: owners only, after typing its name; everything it owns goes with it. */
export function OrganizationDangerZone({ orgId, orgName, canDelete }: { orgId: string; orgName: string; canDelete: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const { errors, clear, fail } = useFieldErrors();
  const remove = useActionMutation((confirmName: string) => deleteOrganizationAction(orgId, { confirm_name: confirmName }), {
    onSuccess: ({ name, next }) => {
      toast.success(`${name} and everything in it was deleted`);
      router.replace(next);
      router.refresh();
    },
    onError: fail,
  });

  function close() {
    setOpen(false);
    setTyped("");
    clear();
  }

  const explanation = "Only owners can delete the organization.";
  return (
    <SectionCard id="danger-zone" title="Danger zone" tone="danger">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="text-sm text-neutral-600">
          <p className="font-medium text-neutral-900">Delete this organization</p>
          <p>
            Its projects, builds, webhook endpoints, events and deliveries, API keys, members, invitations and audit log are deleted at once.
            This cannot be undone.
          </p>
          {!canDelete && (
            <p id="delete-organization-permission" className="mt-1 text-xs text-neutral-500">
              {explanation}
            </p>
          )}
        </div>
        <Button
          variant="danger"
          onClick={() => setOpen(true)}
          disabled={!canDelete}
          title={canDelete ? undefined : explanation}
          aria-describedby={canDelete ? undefined : "delete-organization-permission"}
        >
          Delete organization
        </Button>
      </div>
      <Dialog
        open={open}
        onClose={close}
        title="Delete organization?"
        description={
          <>
            Everything in <strong className="text-neutral-900">{orgName}</strong> is deleted: projects, builds, endpoints, deliveries, API
            keys (they stop working), members and invitations. This cannot be undone.
          </>
        }
      >
        <form
          onSubmit={submitTo(() => {
            clear();
            remove.mutate(typed);
          })}
          className="space-y-4"
        >
          <Field label={`Type “${orgName}” to confirm`} error={errors.confirm_name}>
            {(p) => <Input {...p} name="confirm_name" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />}
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" loading={remove.isPending} disabled={typed !== orgName}>
              Delete organization
            </Button>
          </div>
        </form>
      </Dialog>
    </SectionCard>
  );
}
