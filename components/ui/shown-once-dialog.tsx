"use client";

import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { Dialog } from "./dialog";

/** A value the server shows this one time (a new API key, an invitation link), with Copy and Done. */
export function ShownOnceDialog({
  open,
  onClose,
  title,
  description,
  value,
  copyLabel,
  testId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description: string;
  value: string;
  copyLabel?: string;
  testId?: string;
  /** What to do with it, and anything that went wrong. */
  children: React.ReactNode;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <div className="space-y-4">
        <div className="flex items-center gap-2 rounded-md bg-neutral-900 px-3 py-2">
          <code data-testid={testId} className="min-w-0 flex-1 font-mono text-xs break-all text-success-300">
            {value}
          </code>
          <CopyButton value={value} label={copyLabel} />
        </div>
        {children}
        <div className="flex justify-end">
          <Button onClick={onClose}>Done</Button>
        </div>
      </div>
    </Dialog>
  );
}
