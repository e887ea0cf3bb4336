import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { githubSignInEnabled } from "@/lib/auth/authjs";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { currentUser } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { config } from "@/lib/config";
import { isInvitationToken } from "@/lib/organizations";

export const metadata = { title: "Sign in" };

type SignInSearch = { callbackUrl?: string; error?: string; code?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SignInSearch> }) {
  const { callbackUrl, error, code } = await searchParams;
  const callback = safeCallbackPath(callbackUrl);
  // Coming from an invitation link: signing in goes back to it (and joins); signing up keeps it.
  const invite = callback.match(/^\/invite\/([^/?#]+)$/)?.[1];
  if (await currentUser()) redirect(isInvitationToken(invite) ? callback : "/");
  return (
    <AuthCard
      title="Sign in to Control Center"
      subtitle={isInvitationToken(invite) ? "Sign in to accept your invitation." : "Webhooks and automation for your builds."}
    >
      <SignInForm github={githubSignInEnabled()} callbackUrl={callback} notice={signInErrorMessage(error, code)} />
      <p className="mt-5 text-center text-sm text-neutral-600">
        New here?{" "}
        <Link href={isInvitationToken(invite) ? `/sign-up?invite=${invite}` : "/sign-up"} className="font-medium text-brand-600 hover:underline">
          Create an account
        </Link>
      </p>
      {config().seedDemo && (
        <p className="mt-4 rounded-md bg-neutral-50 px-3 py-2 text-xs text-neutral-600">
          Running the embedded default? The demo sign-in is printed in the server console and saved in{" "}
          <code className="font-mono">.data/demo-credentials.json</code>.
        </p>
      )}
    </AuthCard>
  );
}
