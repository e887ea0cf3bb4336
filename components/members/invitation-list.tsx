"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { StatusBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { revokeInvitationAction } from "@/lib/actions/members";
import type { InvitationResource } from "@/lib/organizations/schemas";

/** Pending invitations: who was invited as what, by whom, until when; owners revoke them. The links are not kept, so none can be copied here. */
export function InvitationList({ orgId, invitations, canManage }: { orgId: string; invitations: InvitationResource[]; canManage: boolean }) {
  const router = useRouter();
  const [revoking, setRevoking] = useState<InvitationResource | null>(null);
  const revoke = useActionMutation((invitation: InvitationResource) => revokeInvitationAction(orgId, { invitationId: invitation.id }), {
    onSuccess: (invitation) => {
      setRevoking(null);
      toast.success(`Invitation of ${invitation.email} revoked. Its link no longer works.`);
      router.refresh();
    },
  });

  if (invitations.length === 0) {
    return (
      <EmptyState
        title="No pending invitations"
        description={canManage ? "Invite someone by email: they get a link that works once, for 7 days." : "Owners invite new members by email."}
      />
    );
  }
  return (
    <>
      <Table label="Pending invitations" columns={["Email", "Role", "Invited by", "Invited", "Expires", canManage && { label: "Actions", srOnly: true }]}>
        {invitations.map((invitation) => (
          <tr key={invitation.id}>
            <Td className="font-medium text-neutral-900">{invitation.email}</Td>
            <Td>
              <StatusBadge status={invitation.role} />
            </Td>
            <Td>{invitation.invited_by}</Td>
            <Td>
              <RelativeTime date={invitation.created_at} />
            </Td>
            <Td>
              <RelativeTime date={invitation.expires_at} />
            </Td>
            {canManage && (
              <Td className="text-right">
                <Button variant="ghost" size="sm" onClick={() => setRevoking(invitation)} aria-label={`Revoke the invitation of ${invitation.email}`}>
                  Revoke
                </Button>
              </Td>
            )}
          </tr>
        ))}
      </Table>
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        pending={revoke.isPending}
        title="Revoke invitation?"
        description={
          <>
            The link sent to <strong className="text-neutral-900">{revoking?.email}</strong> stops working at once. You can invite them again
            later.
          </>
        }
        confirmLabel="Revoke invitation"
      />
    </>
  );
}
