"use client";

import { useActionState } from "react";
import { signInWithGitHub, signInWithPassword, type AuthFormState } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";
import { submitTo } from "@/components/ui/submit";
import { Field, Input } from "@/components/ui/field";

export function SignInForm({ github, callbackUrl }: { github: boolean; callbackUrl?: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInWithPassword, {});
  return (
    <div className="space-y-5">
      <form onSubmit={submitTo(action)} className="space-y-4">
        <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
        <Field label="Email">{(p) => <Input {...p} name="email" type="email" autoComplete="email" required autoFocus />}</Field>
        <Field label="Password">
          {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        {state.error && (
          <p role="alert" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
            {state.error}
          </p>
        )}
        <Button type="submit" className="w-full" loading={pending}>
          Sign in
        </Button>
      </form>
      {github && (
        <form action={signInWithGitHub}>
          <Button type="submit" variant="secondary" className="w-full">
            Continue with GitHub
          </Button>
        </form>
      )}
    </div>
  );
}
