import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/auth";
import { NewOrganizationForm } from "@/components/shell/new-organization-form";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listOrganizationsForUser } from "@/lib/organizations";

export const metadata = { title: "New organization" };

export default async function NewOrganizationPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const user = await requireUser();
  const { from } = await searchParams;
  const orgs = await listOrganizationsForUser(await getDb(), user.id);
  const back = orgs.find((o) => o.id === from) ?? orgs[0];
  return (
    <AuthCard
      title={orgs.length ? "Create an organization" : "Create your first organization"}
      subtitle={orgs.length ? "You become its owner; your other organizations stay as they are." : `Signed in as ${user.email}. You are not in any organization yet.`}
    >
      <NewOrganizationForm />
      <p className="mt-5 text-center text-sm text-neutral-600">
        {back ? (
          <Link href={`/orgs/${back.id}`} className="font-medium text-brand-600 hover:underline">
            Back to {back.name}
          </Link>
        ) : (
          "Or ask an owner of an existing organization to invite you."
        )}
      </p>
      {!back && (
        <form action={signOutAction} className="mt-3">
          <Button type="submit" variant="secondary" className="w-full">
            Sign out
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
