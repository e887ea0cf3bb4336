// Calls the sign-up form's server action as the browser would.
import { signUpWithPassword } from "@/lib/actions/auth";

export function signUpWithPasswordForm(name: string, email: string, password: string) {
  const form = new FormData();
  form.set("name", name);
  form.set("email", email);
  form.set("password", password);
  return signUpWithPassword({}, form);
}
