"use client";

import { Dialog, DialogActions } from "./dialog";

/** Asks before a destructive action; the confirm button names the action. */
export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  description,
  confirmLabel,
  pending,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pending?: boolean;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <DialogActions onCancel={onClose} onConfirm={onConfirm} pending={pending} variant="danger">
        {confirmLabel}
      </DialogActions>
    </Dialog>
  );
}
