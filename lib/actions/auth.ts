"use server";
// Sign-in, sign-up, sign-out and changing one's password, for the (auth) pages, the Account page and the app shell.
import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { requestOrigin } from "@/lib/audit";
import { changePassword, changePasswordInput, SIGN_UP_REFUSED, signUpInput, signUpOrSignIn } from "@/lib/auth";
import { signIn, signOut, throttledSignInSeconds } from "@/lib/auth/authjs";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { currentUser } from "@/lib/auth/session";
import { tooManyAttempts } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";
import { RateLimitedError, ValidationError } from "@/lib/errors";
import { invitationPath, isInvitationToken } from "@/lib/organizations";
import { checkWith } from "@/lib/validation";

export type AuthFormState = { error?: string; fieldErrors?: Record<string, string> };

// The sign-in itself (and its throttle, per email and per address) happens in Auth.js's
// Credentials authorize() (lib/auth/authjs.ts), which a direct POST to /api/auth reaches too.
export async function signInWithPassword(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  try {
    await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirectTo: safeCallbackPath(form.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    const wait = throttledSignInSeconds(error);
    if (wait !== null) return { error: tooManyAttempts("sign-in", wait) };
    if (error instanceof AuthError) return { error: "Wrong email or password." };
    throw error; // the redirect after a successful sign-in
  }
}

// An email that has an account never gets its own answer (docs/security.md#sessions-and-passwords):
// with its password the user is signed in, as after a new sign-up; otherwise SIGN_UP_REFUSED,
// the same answer as every other refusal.
export async function signUpWithPassword(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = checkWith(signUpInput, { name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) return { fieldErrors: Object.fromEntries(parsed.errors.map((e) => [e.field, e.message])) };
  let outcome;
  try {
    outcome = await signUpOrSignIn(await getDb(), parsed.data, requestOrigin(await headers()).ip);
  } catch (error) {
    if (error instanceof RateLimitedError) return { error: error.message };
    throw error;
  }
  if (!outcome.ok) return { error: SIGN_UP_REFUSED };
  try {
    // Signing up from an invitation: back to its page, which accepts it now that the invited
    // email is signed in (docs/security.md#members-and-invitations).
    const invite = form.get("invite");
    const redirectTo = isInvitationToken(invite) ? invitationPath(invite) : outcome.organizationId ? `/orgs/${outcome.organizationId}` : "/";
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo });
    return {};
  } catch (error) {
    const wait = throttledSignInSeconds(error);
    if (wait !== null) return { error: tooManyAttempts("sign-in", wait) };
    if (error instanceof AuthError) return { error: "Signing in failed. Try signing in." };
    throw error; // the redirect after a successful sign-in
  }
}

export async function signInWithGitHub() {
  await signIn("github", { redirectTo: "/" });
}

/**
 * The Account page's password change: every session of the user ends (other devices sign in
 * again), and this browser is signed in afresh with the new password.
 */
export async function changePasswordAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const user = await currentUser();
  if (!user) return { error: "Your session has ended. Sign in again." };
  const parsed = checkWith(changePasswordInput, { current_password: form.get("current_password"), new_password: form.get("new_password") });
  if (!parsed.success) return { fieldErrors: Object.fromEntries(parsed.errors.map((e) => [e.field, e.message])) };
  try {
    await changePassword(await getDb(), user.id, parsed.data, requestOrigin(await headers()).ip);
  } catch (error) {
    if (error instanceof ValidationError) return { error: error.message, fieldErrors: Object.fromEntries(error.errors.map((e) => [e.field, e.message])) };
    if (error instanceof RateLimitedError) return { error: error.message };
    throw error;
  }
  try {
    await signIn("credentials", { email: user.email, password: parsed.data.new_password, redirectTo: "/account?password=changed" });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "Your password was changed. Sign in again with the new one." };
    throw error; // the redirect after signing in again
  }
}

/** Signing out ends every session of the user (lib/auth/sessions.ts): a copied cookie opens nothing afterwards. */
export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}
