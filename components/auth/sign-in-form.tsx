"use client";

import { useActionState } from "react";
import { signInWithGitHub, signInWithPassword, type AuthFormState } from "@/lib/actions/auth";
import { Button } from "@/components/ui/button";
import { submitTo } from "@/components/ui/submit";
import { Field, Input } from "@/components/ui/field";
import { AuthSubmit } from "./auth-submit";

/** `notice`: why the browser came back to sign-in (a refused GitHub sign-in, a throttled attempt), until the next try. */
export function SignInForm({ github, callbackUrl, notice }: { github: boolean; callbackUrl?: string; notice?: string }) {
  const [state, action, pending] = useActionState<AuthFormState, FormData>(signInWithPassword, notice ? { error: notice } : {});
  return (
    <div className="space-y-5">
      <form onSubmit={submitTo(action)} className="space-y-4">
        <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
        <Field label="Email">{(p) => <Input {...p} name="email" type="email" autoComplete="email" required autoFocus />}</Field>
        <Field label="Password">
          {(p) => <Input {...p} name="password" type="password" autoComplete="current-password" required />}
        </Field>
        <AuthSubmit error={state.error} pending={pending}>
          Sign in
        </AuthSubmit>
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
