"use client";

import { useActionState } from "react";
import { signUpWithPassword, type AuthFormState } from "@/lib/actions/auth";
import { submitTo } from "@/components/ui/submit";
import { Field, Input } from "@/components/ui/field";
import { AuthSubmit } from "./auth-submit";

/** `invitation`: signing up from an invitation link: its email is filled in and fixed, and the form comes back to the invitation, which then joins. */
export function SignUpForm({ invitation }: { invitation?: { token: string; email: string } }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signUpWithPassword, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={submitTo(action)} className="space-y-4">
      {invitation && <input type="hidden" name="invite" value={invitation.token} />}
      <Field label="Name" error={errors.name}>
        {(p) => <Input {...p} name="name" autoComplete="name" required autoFocus />}
      </Field>
      <Field label="Email" hint={invitation ? "The invitation is for this email." : undefined} error={errors.email}>
        {(p) =>
          invitation ? (
            <Input {...p} name="email" type="email" autoComplete="email" required readOnly value={invitation.email} className="bg-neutral-50" />
          ) : (
            <Input {...p} name="email" type="email" autoComplete="email" required />
          )
        }
      </Field>
      <Field label="Password" hint="At least 10 characters." error={errors.password}>
        {(p) => <Input {...p} name="password" type="password" autoComplete="new-password" minLength={10} required />}
      </Field>
      <AuthSubmit error={state.error} pending={pending}>
        Create account
      </AuthSubmit>
    </form>
  );
}
