"use client";

import { useRef, useState } from "react";
import { toast } from "sonner";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { submitTo } from "@/components/ui/submit";
import { createInboxAction } from "@/lib/actions/inboxes";
import { INBOX_LIFETIME_DAYS, INBOX_MAX_LIFETIME_DAYS, type InboxResource } from "@/lib/webhooks/inbox-schemas";

/**
 * Name (optional) and "Create inbox"; the new inbox is selected. A refusal is shown under the
 * form and in a toast: a bad name next to the field, the organization's limits (too many
 * inboxes, too many created this hour) as a note of the form, with what to do.
 */
export function CreateInboxForm({ orgId, onCreated }: { orgId: string; onCreated: (inbox: InboxResource) => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<{ message: string; field: boolean } | undefined>();
  const create = useActionMutation((name: string) => createInboxAction(orgId, name ? { name } : {}), {
    invalidate: [queryKeys.inboxes(orgId)],
    onSuccess: (inbox) => {
      setError(undefined);
      formRef.current?.reset();
      toast.success(`Inbox ${inbox.name} created: it takes requests until ${INBOX_LIFETIME_DAYS} days after the last one, ${INBOX_MAX_LIFETIME_DAYS} days at most.`);
      onCreated(inbox);
    },
    onError: (failure) => {
      const fieldError = failure.fieldErrors[0]?.message;
      setError({ message: fieldError ?? failure.message, field: fieldError !== undefined });
      toast.error(`Inbox not created: ${failure.message}`);
    },
  });
  const fieldError = error?.field ? error.message : undefined;

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
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? "inbox-name-error" : undefined}
        />
        {fieldError && (
          <p id="inbox-name-error" role="alert" className="mt-1 text-xs text-danger-600">
            {fieldError}
          </p>
        )}
      </div>
      <Button type="submit" loading={create.isPending}>
        Create inbox
      </Button>
      {error && !error.field && (
        <p role="alert" className="w-full max-w-md text-xs text-danger-600">
          {error.message}
        </p>
      )}
    </form>
  );
}
