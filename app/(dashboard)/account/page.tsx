// The signed-in person's account: their password, and what ends their sessions
// (docs/security.md#sessions-and-passwords).
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/auth";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listOrganizationsForUser } from "@/lib/organizations";

export const metadata = { title: "Account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const user = await requireUser();
  const { password } = await searchParams;
  const db = await getDb();
  const [orgs, row] = await Promise.all([
    listOrganizationsForUser(db, user.id),
    db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } }),
  ]);
  return (
    <AuthCard title="Your account" subtitle={`Signed in as ${user.email}.`}>
      <div className="space-y-6 text-sm text-neutral-600">
        {password === "changed" && (
          <p role="status" className="rounded-md bg-success-50 px-3 py-2 text-success-700">
            Password changed. Every other session of yours was signed out; this browser is signed in with the new password.
          </p>
        )}
        <section aria-labelledby="password-heading" className="space-y-3">
          <h2 id="password-heading" className="text-sm font-semibold text-neutral-900">
            Password
          </h2>
          {row.passwordHash ? (
            <>
              <p>Changing it signs you out everywhere else.</p>
              <ChangePasswordForm />
            </>
          ) : (
            <p>You sign in with GitHub; this account has no password.</p>
          )}
        </section>
        <section aria-labelledby="sessions-heading" className="space-y-3">
          <h2 id="sessions-heading" className="text-sm font-semibold text-neutral-900">
            Sessions
          </h2>
          <p>Signing out ends every session of yours, on every device. So do a change of your role and being removed from an organization.</p>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary" className="w-full">
              Sign out everywhere
            </Button>
          </form>
        </section>
        {orgs[0] && (
          <p className="text-center">
            <Link href={`/orgs/${orgs[0].id}`} className="font-medium text-brand-600 hover:underline">
              Back to {orgs[0].name}
            </Link>
          </p>
        )}
      </div>
    </AuthCard>
  );
}
