"use client";

import { useEffect, useRef } from "react";

/**
 * Props for a native <dialog> shown as a modal while `open`: Escape and the dialog's own
 * close both go through `onClose`, so the parent's state stays the one source of truth.
 */
export function useModalDialog(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return {
    ref,
    onClose,
    onCancel: (e: React.SyntheticEvent<HTMLDialogElement>) => {
      e.preventDefault();
      onClose();
    },
  };
}
