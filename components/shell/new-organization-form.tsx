"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useFieldErrors } from "@/components/ui/field-errors";
import { submitTo } from "@/components/ui/submit";
import { createOrganizationAction } from "@/lib/actions/organizations";

/** Creates an organization owned by the signed-in user, then switches to it. */
export function NewOrganizationForm() {
  const router = useRouter();
  const { errors, clear, fail } = useFieldErrors();
  const create = useActionMutation((name: string) => createOrganizationAction({ name }), {
    onSuccess: (org) => {
      toast.success(`${org.name} created. You are its owner.`);
      router.push(`/orgs/${org.id}`);
    },
    onError: fail,
  });
  return (
    <form
      onSubmit={submitTo((form) => {
        clear();
        create.mutate(String(form.get("name") ?? ""));
      })}
      className="space-y-4"
    >
      <Field label="Organization name" hint="Your studio, team or company. You can invite members next." error={errors.name}>
        {(p) => <Input {...p} name="name" required maxLength={100} autoFocus autoComplete="organization" />}
      </Field>
      <Button type="submit" className="w-full" loading={create.isPending}>
        Create organization
      </Button>
    </form>
  );
}
