"use client";

import { useRef, useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { submitTo } from "@/components/ui/submit";
import { createInboxAction } from "@/lib/actions/inboxes";
import type { InboxResource } from "@/lib/webhooks/inbox-schemas";

/** Name (optional) and "Create inbox"; the new inbox is selected. */
export function CreateInboxForm({ orgId, onCreated }: { orgId: string; onCreated: (inbox: InboxResource) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string | undefined>();
  const create = useActionMutation((name: string) => createInboxAction(orgId, name ? { name } : {}), {
    invalidate: [queryKeys.inboxes(orgId)],
    onSuccess: (inbox) => {
      setError(undefined);
      formRef.current?.reset();
      toast.success(`Inbox ${inbox.name} created: it takes requests until 7 days after the last one.`);
      onCreated(inbox);
    },
    onError: (failure) => {
      setError(failure.fieldErrors[0]?.message ?? failure.message);
      toast.error(`Inbox not created: ${failure.message}`);
    },
  });

  return (
    <form
      ref={formRef}
      aria-label="Create an inbox"
      className="flex flex-wrap items-start gap-2"
      onSubmit={submitTo((form) => {
        create.mutate(String(form.get("name") ?? "").trim());
      })}
    >
      <div>
        <label htmlFor="inbox-name" className="sr-only">
          Inbox name
        </label>
        <Input
          id="inbox-name"
          name="name"
          placeholder="Test inbox"
          maxLength={100}
          className="w-56"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "inbox-name-error" : undefined}
        />
        {error && (
          <p id="inbox-name-error" role="alert" className="mt-1 text-xs text-danger-600">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" loading={create.isPending}>
        Create inbox
      </Button>
    </form>
  );
}
