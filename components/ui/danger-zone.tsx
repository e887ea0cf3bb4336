"use client";

import { useId, useState } from "react";
import { Button } from "./button";
import { Dialog } from "./dialog";
import { Field, Input } from "./field";
import { SectionCard } from "./section-card";
import { submitTo } from "./submit";

/**
 * The "Danger zone" card of a page: one destructive action with what it does. `deniedReason`
 * (who may do it) disables the button and shows the reason under the description.
 */
export function DangerZone({
  heading,
  children,
  actionLabel,
  onAction,
  deniedReason,
}: {
  heading: string;
  children: React.ReactNode;
  actionLabel: string;
  onAction: () => void;
  deniedReason?: string;
}) {
  const noteId = useId();
  return (
    <SectionCard id="danger-zone" title="Danger zone" tone="danger">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="max-w-2xl text-sm text-neutral-600">
          <p className="font-medium text-neutral-900">{heading}</p>
          {children}
          {deniedReason && (
            <p id={noteId} className="mt-1 text-xs text-neutral-500">
              {deniedReason}
            </p>
          )}
        </div>
        <Button variant="danger" onClick={onAction} disabled={Boolean(deniedReason)} title={deniedReason} aria-describedby={deniedReason ? noteId : undefined}>
          {actionLabel}
        </Button>
      </div>
    </SectionCard>
  );
}

/** A destructive action confirmed by typing `name` (an organization's, a project's). */
export function TypeToConfirmDialog({
  open,
  onClose,
  title,
  description,
  name,
  confirmLabel,
  pending,
  error,
  onConfirm,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description: React.ReactNode;
  name: string;
  confirmLabel: string;
  pending: boolean;
  error?: string;
  onConfirm: (typed: string) => void;
}) {
  const [typed, setTyped] = useState("");
  const close = () => {
    setTyped("");
    onClose();
  };
  const matches = typed.trim() === name;
  return (
    <Dialog open={open} onClose={close} title={title} description={description}>
      <form onSubmit={submitTo(() => matches && onConfirm(typed.trim()))} className="space-y-4">
        <Field label={`Type “${name}” to confirm`} error={error}>
          {(p) => <Input {...p} name="confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} autoFocus />}
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!matches} loading={pending}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
