import { signOutAction } from "@/lib/actions/auth";
import { AuthCard } from "@/components/auth/auth-card";
import { Button } from "@/components/ui/button";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listOrganizationsForUser } from "@/lib/organizations";

export default async function Home() {
  const user = await requireUser();
  const orgs = await listOrganizationsForUser(await getDb(), user.id);
  if (orgs.length > 0) redirect(`/orgs/${orgs[0].id}`);
  return (
    <AuthCard title="No organization yet" subtitle={`Signed in as ${user.email}`}>
      <p className="text-sm text-neutral-600">You are not a member of any organization. Ask an owner to invite you.</p>
      <form action={signOutAction} className="mt-4">
        <Button type="submit" variant="secondary" className="w-full">
          Sign out
        </Button>
      </form>
    </AuthCard>
  );
}
