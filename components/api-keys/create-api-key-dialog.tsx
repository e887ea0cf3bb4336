"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { createApiKeyAction } from "@/lib/actions/api-keys";
import { submitTo } from "@/components/ui/submit";
import { ShownOnceDialog } from "@/components/ui/shown-once-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { useFieldErrors } from "@/components/ui/field-errors";
import { API_KEY_SCOPES, SCOPE_DESCRIPTIONS, type ApiKeyScope } from "@/lib/auth/permissions";

const EXPIRY_OPTIONS = [
  { label: "Never", days: 0 },
  { label: "30 days", days: 30 },
  { label: "90 days", days: 90 },
  { label: "1 year", days: 365 },
];

function expiryFromDays(days: number): string | null {
  return days > 0 ? new Date(Date.now() + days * 86_400_000).toISOString() : null;
}

export function CreateApiKeyDialog({ orgId, open, onClose }: { orgId: string; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const { errors, clear, fail } = useFieldErrors();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const mutation = useActionMutation((input: Parameters<typeof createApiKeyAction>[1]) => createApiKeyAction(orgId, input), {
    onSuccess: ({ key, secret }) => {
      setCreated({ name: key.name, secret });
      toast.success(`API key "${key.name}" created`);
      router.refresh();
    },
    onError: fail,
  });

  function close() {
    setCreated(null);
    clear();
    onClose();
  }

  function submit(form: FormData) {
    clear();
    const days = Number(form.get("expires_in_days") ?? 0);
    mutation.mutate({
      name: String(form.get("name") ?? ""),
      scopes: form.getAll("scopes").map(String) as ApiKeyScope[],
      expires_at: expiryFromDays(days),
    });
  }

  if (created) {
    return (
      <ShownOnceDialog
        open={open}
        onClose={close}
        title="Copy your new API key"
        description="This is the only time the key is shown."
        value={created.secret}
        testId="new-api-key"
      >
        <p className="text-sm text-neutral-600">
          Store it in your CI&apos;s secret store. If you lose it, revoke <strong>{created.name}</strong> and create a new key.
        </p>
      </ShownOnceDialog>
    );
  }

  return (
    <Dialog open={open} onClose={close} title="Create API key" description="Give the key only the scopes it needs.">
      <form onSubmit={submitTo(submit)} className="space-y-4">
        <p className="rounded-md bg-neutral-50 px-3 py-2 text-xs text-neutral-600">
          The key acts for you: it never does more than your role allows now, it narrows if your role is lowered, and it stops working if you
          leave the organization or are removed.
        </p>
        <Field label="Name" hint="Where the key is used, e.g. “GitHub Actions”." error={errors.name}>
          {(p) => <Input {...p} name="name" required maxLength={100} autoFocus />}
        </Field>
        <fieldset>
          <legend className="text-sm font-medium text-neutral-800">Scopes</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {API_KEY_SCOPES.map((scope) => (
              <label key={scope} className="flex items-start gap-2 rounded-md p-1.5 text-sm hover:bg-neutral-50">
                <input type="checkbox" name="scopes" value={scope} className="mt-0.5 size-4 shrink-0 rounded accent-brand-600" />
                <span>
                  <span className="font-mono text-xs font-medium">{scope}</span>
                  <span className="block text-xs text-neutral-500">{SCOPE_DESCRIPTIONS[scope]}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.scopes && (
            <p role="alert" className="mt-1 text-xs text-danger-600">
              {errors.scopes}
            </p>
          )}
        </fieldset>
        <Field label="Expires" error={errors.expires_at}>
          {(p) => (
            <Select {...p} name="expires_in_days" options={EXPIRY_OPTIONS.map((o) => ({ value: o.days, label: o.label }))} />
          )}
        </Field>
        <DialogActions onCancel={close} pending={mutation.isPending} className="flex justify-end gap-2 pt-2">
          Create key
        </DialogActions>
      </form>
    </Dialog>
  );
}
