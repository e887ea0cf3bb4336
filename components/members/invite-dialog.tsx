"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { ShownOnceDialog } from "@/components/ui/shown-once-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { useFieldErrors } from "@/components/ui/field-errors";
import { submitTo } from "@/components/ui/submit";
import { createInvitationAction } from "@/lib/actions/members";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/lib/organizations/roles";

type Created = Extract<Awaited<ReturnType<typeof createInvitationAction>>, { ok: true }>["data"];

/** Invite by email with a role; the link is shown here once, to copy (only its hash is stored). */
export function InviteDialog({ orgId, orgName, open, onClose }: { orgId: string; orgName: string; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const { errors, clear, fail } = useFieldErrors();
  const [role, setRole] = useState<Role>("developer");
  const [created, setCreated] = useState<Created | null>(null);
  const invite = useActionMutation((input: { email: string; role: Role }) => createInvitationAction(orgId, input), {
    onSuccess: (result) => {
      setCreated(result);
      if (result.mail.status === "failed") toast.warning(`Invitation created, but mailing it failed. Copy the link and send it to ${result.invitation.email}.`);
      else toast.success(result.mail.status === "sent" ? `Invitation mailed to ${result.invitation.email}` : `Invitation for ${result.invitation.email} created`);
      router.refresh();
    },
    onError: fail,
  });

  function close() {
    setCreated(null);
    setRole("developer");
    clear();
    onClose();
  }

  if (created) {
    const { invitation, url, mail } = created;
    return (
      <ShownOnceDialog
        open={open}
        onClose={close}
        title="Copy the invitation link"
        description="This is the only time the link is shown."
        value={url}
        copyLabel="Copy link"
        testId="invitation-link"
      >
        <p className="text-sm text-neutral-600">
          {mail.status === "sent" && <>We also mailed it to <strong>{invitation.email}</strong>. </>}
          Send it to <strong>{invitation.email}</strong>: it works once, for that email, until{" "}
          {new Date(invitation.expires_at).toLocaleString()}. They join {orgName} as {invitation.role}.
        </p>
        {mail.status === "failed" && (
          <p role="alert" className="rounded-md bg-warning-50 px-3 py-2 text-sm text-warning-900">
            Mailing the invitation failed{mail.error ? ` (${mail.error})` : ""}. The invitation stands: copy the link and send it yourself.
          </p>
        )}
      </ShownOnceDialog>
    );
  }

  return (
    <Dialog open={open} onClose={close} title="Invite a member" description={`They get a link to join ${orgName}, valid for 7 days.`}>
      <form
        onSubmit={submitTo((form) => {
          clear();
          invite.mutate({ email: String(form.get("email") ?? "").trim(), role });
        })}
        className="space-y-4"
      >
        <Field label="Email" error={errors.email}>
          {(p) => <Input {...p} name="email" type="email" required maxLength={254} autoComplete="off" autoFocus />}
        </Field>
        <Field label="Role" hint={ROLE_DESCRIPTIONS[role]} error={errors.role}>
          {(p) => (
            <Select
              {...p}
              name="role"
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              options={ROLES.map((r) => ({ value: r, label: r[0].toUpperCase() + r.slice(1) }))}
            />
          )}
        </Field>
        <DialogActions onCancel={close} pending={invite.isPending}>
          Create invitation
        </DialogActions>
      </form>
    </Dialog>
  );
}
