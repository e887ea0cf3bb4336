"use client";

import { useState } from "react";
import { RadioCards } from "@/components/ui/radio-cards";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { submitTo } from "@/components/ui/submit";

export const OVERLAPS = [
  { seconds: 0, label: "No overlap", hint: "The old secret stops signing now. Use this after a leak." },
  { seconds: 3600, label: "1 hour", hint: "Enough when you can update the receiver right away." },
  { seconds: 86_400, label: "24 hours", hint: "Recommended: time to deploy the new secret." },
  { seconds: 604_800, label: "7 days", hint: "The longest overlap, for slow release cycles." },
] as const;

const DEFAULT_OVERLAP = 86_400;

/** Asks how long the old secret keeps signing, then rotates. */
export function RotateSecretDialog({
  open,
  onClose,
  onConfirm,
  pending,
  headerPrefix,
}: {
  open: boolean;
  onClose: () => void;
  onConfirm: (overlapSeconds: number) => void;
  pending: boolean;
  headerPrefix: string;
}) {
  const [overlap, setOverlap] = useState<number>(DEFAULT_OVERLAP);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Rotate signing secret"
      description="A new secret starts signing immediately. Choose how long the current one keeps signing alongside it."
    >
      <form onSubmit={submitTo(() => onConfirm(overlap))} className="space-y-4">
        <RadioCards
          name="overlap_seconds"
          legend="Overlap"
          options={OVERLAPS.map((o) => ({
            value: o.seconds,
            label: (
              <>
                {o.label}
                {o.seconds === DEFAULT_OVERLAP && <span className="ml-1 font-normal text-neutral-500">(default)</span>}
              </>
            ),
            description: o.hint,
          }))}
          value={overlap}
          onChange={setOverlap}
        />
        <p className="rounded-md bg-neutral-50 px-3 py-2 text-xs leading-relaxed text-neutral-600 ring-1 ring-neutral-200">
          During the overlap both secrets sign: <code className="font-mono">webhook-signature</code> carries one{" "}
          <code className="font-mono">v1,…</code> signature per secret, so receivers verifying with either one keep working while you
          update them. <code className="font-mono">{headerPrefix}Signature</code> is computed with the new secret only.
        </p>
        <DialogActions onCancel={onClose} pending={pending}>
          Rotate secret
        </DialogActions>
      </form>
    </Dialog>
  );
}
