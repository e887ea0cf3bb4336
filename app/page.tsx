import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listOrganizationsForUser } from "@/lib/organizations";

// Home: the first organization of the signed-in user, or creating one (someone who left or
// deleted their last organization, or was removed from it).
export default async function Home() {
  const user = await requireUser();
  const orgs = await listOrganizationsForUser(await getDb(), user.id);
  redirect(orgs.length > 0 ? `/orgs/${orgs[0].id}` : "/orgs/new");
}
