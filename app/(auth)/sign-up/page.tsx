import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { invitationPath, isInvitationToken, viewInvitation } from "@/lib/organizations";

export const metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  const token = isInvitationToken(invite) ? invite : null;
  if (await currentUser()) redirect(token ? invitationPath(token) : "/");
  // From an invitation link: the invited email, filled in and fixed; signing up accepts it.
  const view = token ? await viewInvitation(await getDb(), token) : null;
  const invitation = token && view?.status === "pending" ? { token, email: view.email } : undefined;
  return (
    <AuthCard
      title="Create your account"
      subtitle={
        view?.status === "pending" ? (
          <>
            Then you join <strong className="text-neutral-900">{view.organization.name}</strong> as {view.role === "owner" || view.role === "admin" ? "an" : "a"}{" "}
            {view.role}.
          </>
        ) : (
          "You get a personal workspace; invite your team later."
        )
      }
    >
      <SignUpForm invitation={invitation} />
      <p className="mt-5 text-center text-sm text-neutral-600">
        Already have an account?{" "}
        <Link href={token ? `/sign-in?callbackUrl=${encodeURIComponent(invitationPath(token))}` : "/sign-in"} className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
