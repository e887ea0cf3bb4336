"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { revokeApiKeyAction } from "@/lib/actions/api-keys";
import { Badge, StatusBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import type { toApiKeyResource } from "@/lib/auth/api-keys";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

export type ApiKeyResource = ReturnType<typeof toApiKeyResource>;

function keyState(key: ApiKeyResource) {
  if (key.revoked_at) return "revoked";
  if (key.expires_at && new Date(key.expires_at) <= new Date()) return "expired";
  return "active";
}

export function ApiKeyManager({ orgId, keys }: { orgId: string; keys: ApiKeyResource[] }) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyResource | null>(null);
  const revoke = useActionMutation((key: ApiKeyResource) => revokeApiKeyAction(orgId, { keyId: key.id }), {
    onSuccess: (key) => {
      toast.success(`Key "${key.name}" revoked. It stops working immediately.`);
      setRevoking(null);
      router.refresh();
    },
  });

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button onClick={() => setCreating(true)}>Create API key</Button>
      </div>
      {keys.length === 0 ? (
        <EmptyState
          title="No API keys"
          description="Create a key for your CI or scripts. Give it only the scopes it needs."
          action={<Button onClick={() => setCreating(true)}>Create API key</Button>}
        />
      ) : (
        <Table label="API keys" columns={["Name", "Key", "Scopes", "Acts for", "Created", "Last used", "Expires", "Status", { label: "Actions", srOnly: true }]}>
          {keys.map((key) => {
            const state = keyState(key);
            return (
              <tr key={key.id}>
                <Td className="font-medium text-neutral-900">{key.name}</Td>
                <Td>
                  <code className="font-mono text-xs">{key.prefix}…</code>
                </Td>
                <Td>
                  <div className="flex max-w-xs flex-wrap gap-1">
                    {key.scopes.map((s) => (
                      <Badge key={s}>{s}</Badge>
                    ))}
                  </div>
                </Td>
                <Td>{key.acts_for ? key.acts_for.email : <span className="text-neutral-500">Nobody</span>}</Td>
                <Td>
                  <RelativeTime date={key.created_at} />
                </Td>
                <Td>{key.last_used_at ? <RelativeTime date={key.last_used_at} /> : <span className="text-neutral-500">Never</span>}</Td>
                <Td>{key.expires_at ? <RelativeTime date={key.expires_at} /> : <span className="text-neutral-500">Never</span>}</Td>
                <Td>
                  <StatusBadge status={state} />
                </Td>
                <Td className="text-right">
                  {state !== "revoked" && (
                    <Button variant="ghost" size="sm" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                      Revoke
                    </Button>
                  )}
                </Td>
              </tr>
            );
          })}
        </Table>
      )}
      <CreateApiKeyDialog orgId={orgId} open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        pending={revoke.isPending}
        title="Revoke API key?"
        description={
          <>
            <strong>{revoking?.name}</strong> stops working immediately. Anything using it will get <code>401</code>. This cannot be
            undone.
          </>
        }
        confirmLabel="Revoke key"
      />
    </div>
  );
}
