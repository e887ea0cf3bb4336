"use client";

import { Button } from "./button";
import { CloseButton } from "./close-button";
import { useModalDialog } from "./use-modal-dialog";
import { cx } from "./cx";

/** A modal on the native <dialog>: focus is trapped, Escape closes, the page behind is inert. */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  className,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
}) {
  const dialogProps = useModalDialog(open, onClose);

  return (
    <dialog
      {...dialogProps}
      aria-labelledby="dialog-title"
      className={cx(
        "m-auto w-full max-w-lg rounded-card bg-white p-0 text-neutral-900 shadow-2xl backdrop:backdrop-blur-[1px]",
        className,
      )}
    >
      {open && (
        <div className="p-6">
          <div className="mb-4 flex items-start justify-between gap-4">
            <div>
              <h2 id="dialog-title" className="text-lg font-semibold">
                {title}
              </h2>
              {description && <div className="mt-1 text-sm text-neutral-600">{description}</div>}
            </div>
            <CloseButton onClick={onClose} />
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}

/**
 * The footer of a dialog: Cancel, then the action. The action submits the dialog's form,
 * or calls `onConfirm` when given; both are disabled while `pending`.
 */
export function DialogActions({
  onCancel,
  pending,
  children,
  variant = "primary",
  onConfirm,
  className = "flex justify-end gap-2",
}: {
  onCancel: () => void;
  pending?: boolean;
  children: React.ReactNode;
  variant?: "primary" | "danger";
  onConfirm?: () => void;
  className?: string;
}) {
  return (
    <div className={className}>
      <Button variant="secondary" onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type={onConfirm ? "button" : "submit"} variant={variant} onClick={onConfirm} loading={pending}>
        {children}
      </Button>
    </div>
  );
}
