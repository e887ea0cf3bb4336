"use server";
// Sign-in, sign-up and sign-out, for the forms of the (auth) pages and the app shell.
import { AuthError } from "next-auth";
import { signUp, signUpInput } from "@/lib/auth";
import { signIn, signOut } from "@/lib/auth/authjs";
import { getDb } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/validation";

export type AuthFormState = { error?: string; fieldErrors?: Record<string, string> };

export async function signInWithPassword(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  try {
    await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirectTo: safeRedirect(form.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "Wrong email or password." };
    throw error; // the redirect after a successful sign-in
  }
}

export async function signUpWithPassword(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const parsed = signUpInput.safeParse({ name: form.get("name"), email: form.get("email"), password: form.get("password") });
  if (!parsed.success) {
    return { fieldErrors: Object.fromEntries(fieldErrorsFromZod(parsed.error).map((e) => [e.field, e.message])) };
  }
  try {
    const { organization } = await signUp(await getDb(), parsed.data);
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: `/orgs/${organization.id}` });
    return {};
  } catch (error) {
    if (error instanceof ConflictError) return { fieldErrors: { email: error.message } };
    if (error instanceof AuthError) return { error: "Your account was created, but signing in failed. Try signing in." };
    throw error;
  }
}

export async function signInWithGitHub() {
  await signIn("github", { redirectTo: "/" });
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}

function safeRedirect(value: FormDataEntryValue | null): string {
  const target = typeof value === "string" ? value : "";
  return target.startsWith("/") && !target.startsWith("//") ? target : "/";
}
