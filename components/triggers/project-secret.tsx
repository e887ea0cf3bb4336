"use client";

import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { revealProjectSecretAction, rotateProjectSecretAction } from "@/lib/actions/triggers";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";

const NAMES = { trigger: "trigger secret", github: "GitHub webhook secret" } as const;
const MASKS = { trigger: "trg_••••••••••••••••••••", github: "••••••••••••••••••••••••" } as const;
const EFFECT = {
  trigger: "CI jobs sending the current secret get 401 until you update them.",
  github: "GitHub deliveries signed with the current secret are refused until you paste the new one into the repository's webhook settings.",
} as const;

/** A project secret, masked until an admin reveals it (audited); rotation replaces it at once. */
export function ProjectSecret({
  orgId,
  projectId,
  kind,
  canManage,
  secret,
  onSecret,
}: {
  orgId: string;
  projectId: string;
  kind: "trigger" | "github";
  canManage: boolean;
  secret: string | null;
  onSecret: (secret: string | null) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const name = NAMES[kind];
  const label = name.charAt(0).toUpperCase() + name.slice(1);
  const noteId = `${kind}-secret-permission`;
  const explanation = `Only admins and owners can reveal or rotate the ${name}.`;

  const reveal = useActionMutation(() => revealProjectSecretAction(orgId, { projectId, kind }), {
    onSuccess: ({ secret }) => {
      onSecret(secret);
      toast.success(`${label} revealed. This view is recorded in the audit log.`);
    },
  });
  const rotate = useActionMutation(() => rotateProjectSecretAction(orgId, { projectId, kind }), {
    onSuccess: ({ secret }) => {
      onSecret(secret);
      setConfirming(false);
      toast.success(`${label} rotated. The old one stopped working.`);
    },
  });

  const locked = { disabled: !canManage, title: canManage ? undefined : explanation, "aria-describedby": canManage ? undefined : noteId };

  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-neutral-800">{label}</p>
      <div className="flex flex-wrap items-center gap-2 rounded-md bg-neutral-900 px-3 py-2">
        {secret ? (
          <code aria-label={label} className="min-w-0 flex-1 font-mono text-xs break-all text-success-300">
            {secret}
          </code>
        ) : (
          <code aria-label={`${label} (hidden)`} className="min-w-0 flex-1 font-mono text-xs tracking-wide text-neutral-300">
            {MASKS[kind]}
          </code>
        )}
        <div className="flex shrink-0 gap-2">
          {secret ? (
            <>
              <CopyButton value={secret} />
              <Button variant="secondary" size="sm" onClick={() => onSecret(null)}>
                Hide
              </Button>
            </>
          ) : (
            <Button variant="secondary" size="sm" onClick={() => reveal.mutate()} loading={reveal.isPending} aria-label={`Reveal ${name}`} {...locked}>
              Reveal
            </Button>
          )}
          <Button variant="secondary" size="sm" onClick={() => setConfirming(true)} aria-label={`Rotate ${name}…`} {...locked}>
            Rotate…
          </Button>
        </div>
      </div>
      {!canManage && (
        <p id={noteId} className="text-xs text-neutral-500">
          {explanation}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => rotate.mutate()}
        pending={rotate.isPending}
        title={`Rotate the ${name}?`}
        description={`A new secret replaces the current one immediately, with no overlap. ${EFFECT[kind]}`}
        confirmLabel="Rotate secret"
      />
    </div>
  );
}
