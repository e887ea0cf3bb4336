"use client";

import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { revealSecretAction, rotateSecretAction } from "@/lib/actions/webhooks";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/time";
import type { SecretResource } from "@/lib/webhooks/schemas";
import { MASKED_SECRET } from "./labels";
import { RotateSecretDialog } from "./rotate-secret-dialog";
import { SectionCard } from "@/components/ui/section-card";
import { VerifySnippet } from "./verify-snippet";

/** The endpoint's signing secret: masked, revealed on demand (audited), rotated with an overlap. */
export function SigningSecret({
  orgId,
  endpointId,
  canManage,
  headerPrefix,
}: {
  orgId: string;
  endpointId: string;
  /** Reveal and rotate need the admin role. */
  canManage: boolean;
  headerPrefix: string;
}) {
  const [revealed, setRevealed] = useState<SecretResource | null>(null);
  const [rotating, setRotating] = useState(false);

  const reveal = useActionMutation(() => revealSecretAction(orgId, { endpointId }), {
    onSuccess: (secret) => {
      setRevealed(secret);
      toast.success("Secret revealed. This view is recorded in the audit log.");
    },
  });

  const rotate = useActionMutation((overlapSeconds: number) => rotateSecretAction(orgId, { endpointId, overlap_seconds: overlapSeconds }), {
    onSuccess: (secret, overlapSeconds) => {
      setRevealed(secret);
      setRotating(false);
      const until = secret.previous_secrets[0]?.expires_at;
      toast.success(
        overlapSeconds > 0 && until
          ? `Secret rotated. The old secret keeps signing until ${new Date(until).toLocaleString()}.`
          : "Secret rotated. Only the new secret signs from now on.",
      );
    },
  });

  const explanation = "Only admins and owners can reveal or rotate signing secrets.";

  return (
    <SectionCard
      id="signing-secret"
      title="Signing secret"
      description="Every request is signed with this secret. Check the signature before you trust a request."
    >
      <div className="space-y-4">
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-neutral-900 px-3 py-2">
          {revealed ? (
            <code aria-label="Current signing secret" className="min-w-0 flex-1 font-mono text-xs break-all text-success-300">
              {revealed.secret}
            </code>
          ) : (
            <code aria-label="Current signing secret (hidden)" className="min-w-0 flex-1 font-mono text-xs tracking-wide text-neutral-300">
              {MASKED_SECRET}
            </code>
          )}
          <div className="flex shrink-0 gap-2">
            {revealed ? (
              <>
                <CopyButton value={revealed.secret} />
                <Button variant="secondary" size="sm" onClick={() => setRevealed(null)}>
                  Hide
                </Button>
              </>
            ) : (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => reveal.mutate()}
                loading={reveal.isPending}
                disabled={!canManage}
               
                title={canManage ? undefined : explanation}
                aria-describedby={canManage ? undefined : "signing-secret-permission"}
              >
                Reveal
              </Button>
            )}
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setRotating(true)}
              disabled={!canManage}
             
              title={canManage ? undefined : explanation}
              aria-describedby={canManage ? undefined : "signing-secret-permission"}
            >
              Rotate…
            </Button>
          </div>
        </div>
        {!canManage && (
          <p id="signing-secret-permission" className="text-xs text-neutral-500">
            {explanation} Ask one of them, or use an API key with the <code className="font-mono">webhooks:secrets</code> scope.
          </p>
        )}

        {revealed && revealed.previous_secrets.length > 0 && (
          <div>
            <h3 className="text-xs font-semibold tracking-wide text-neutral-500 uppercase">Previous secrets still signing</h3>
            <ul className="mt-2 space-y-2">
              {revealed.previous_secrets.map((s, i) => (
                <li key={s.secret} className="flex flex-wrap items-center gap-2 rounded-md bg-neutral-50 px-3 py-2 ring-1 ring-neutral-200">
                  <code aria-label={`Previous signing secret ${i + 1}`} className="min-w-0 flex-1 font-mono text-xs break-all text-neutral-700">
                    {s.secret}
                  </code>
                  <span className="text-xs whitespace-nowrap text-neutral-500">
                    stops signing <RelativeTime date={s.expires_at} />
                  </span>
                  <CopyButton value={s.secret} />
                </li>
              ))}
            </ul>
          </div>
        )}

        <VerifySnippet headerPrefix={headerPrefix} />
      </div>
      <RotateSecretDialog
        open={rotating}
        onClose={() => setRotating(false)}
        onConfirm={(overlap) => rotate.mutate(overlap)}
        pending={rotate.isPending}
        headerPrefix={headerPrefix}
      />
    </SectionCard>
  );
}
