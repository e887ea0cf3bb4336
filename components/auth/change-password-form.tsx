"use client";

import { useActionState } from "react";
import { changePasswordAction, type AuthFormState } from "@/lib/actions/auth";
import { Field, Input } from "@/components/ui/field";
import { submitTo } from "@/components/ui/submit";
import { AuthSubmit } from "./auth-submit";

/** Current and new password; on success the page reloads signed in afresh, other devices signed out. */
export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(changePasswordAction, {});
  return (
    <form onSubmit={submitTo(action)} className="space-y-4">
      <Field label="Current password" error={state.fieldErrors?.current_password}>
        {(p) => <Input {...p} name="current_password" type="password" autoComplete="current-password" required />}
      </Field>
      <Field label="New password" hint="At least 10 characters." error={state.fieldErrors?.new_password}>
        {(p) => <Input {...p} name="new_password" type="password" autoComplete="new-password" required minLength={10} maxLength={200} />}
      </Field>
      <AuthSubmit error={state.fieldErrors ? undefined : state.error} pending={pending}>
        Change password
      </AuthSubmit>
    </form>
  );
}
