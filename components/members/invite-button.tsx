"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InviteDialog } from "./invite-dialog";

/** "Invite member": owners open the dialog; everyone else sees it disabled, saying who may. */
export function InviteButton({
  orgId,
  orgName,
  canManage,
  permissionNoteId,
}: {
  orgId: string;
  orgName: string;
  canManage: boolean;
  /** The id of the visible note (on the page) that says who manages members. */
  permissionNoteId: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        disabled={!canManage}
        title={canManage ? undefined : "Only owners can invite members."}
        aria-describedby={canManage ? undefined : permissionNoteId}
      >
        Invite member
      </Button>
      {canManage && <InviteDialog orgId={orgId} orgName={orgName} open={open} onClose={() => setOpen(false)} />}
    </>
  );
}
