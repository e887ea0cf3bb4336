"use client";

import { CloseButton } from "./close-button";
import { useModalDialog } from "./use-modal-dialog";

/** A panel sliding in from the right, on the native <dialog> (focus trap, Escape closes). */
export function Drawer({
  open,
  onClose,
  title,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: React.ReactNode;
  children: React.ReactNode;
}) {
  const dialogProps = useModalDialog(open, onClose);

  return (
    <dialog
      {...dialogProps}
      aria-labelledby="drawer-title"
      className="fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-3xl bg-white p-0 text-neutral-900 shadow-2xl"
    >
      {open && (
        <div className="flex h-full flex-col">
          <div className="flex items-start justify-between gap-4 border-b border-neutral-200 px-6 py-4">
            <h2 id="drawer-title" className="text-lg font-semibold">
              {title}
            </h2>
            <CloseButton onClick={onClose} />
          </div>
          <div className="flex-1 overflow-y-auto px-6 py-5">{children}</div>
        </div>
      )}
    </dialog>
  );
}
