"use server";
// Organizations as a whole: create one (anyone signed in, who becomes its owner), delete one
// (owners, typing its name), leave one (any member but the last owner), join one by confirming
// an invitation, and leave an invitation page signed out to accept it as someone else.
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requestOrigin, type Actor } from "@/lib/audit";
import { credentialConsequences } from "@/lib/auth";
import { signOut } from "@/lib/auth/authjs";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { getDb, type Db } from "@/lib/db";
import { UnauthorizedError } from "@/lib/errors";
import {
  acceptInvitation,
  createOrganizationFor,
  deleteOrganization,
  deleteOrganizationInput,
  InvitationRefusedError,
  invitationPath,
  isInvitationToken,
  leaveOrganization,
  listOrganizationsForUser,
  organizationNameInput,
} from "@/lib/organizations";
import { parseWith } from "@/lib/validation";
import { orgAction, runAction, type ActionResult } from "./guard";

async function userActor(user: SessionUser): Promise<Actor> {
  return { type: "user", id: user.id, label: user.email, ...requestOrigin(await headers()) };
}

/** Where a user goes once they are no longer in an organization: another one of theirs, or creating their first. */
async function landing(db: Db, userId: string): Promise<string> {
  const [first] = await listOrganizationsForUser(db, userId);
  return first ? `/orgs/${first.id}` : "/orgs/new";
}

export async function createOrganizationAction(input: z.input<typeof organizationNameInput>): Promise<ActionResult<{ id: string; name: string }>> {
  return runAction(async () => {
    const user = await currentUser();
    if (!user) throw new UnauthorizedError("Your session has ended. Sign in again.");
    const { name } = parseWith(organizationNameInput, input);
    const org = await createOrganizationFor(await getDb(), user.id, name, await userActor(user));
    return { id: org.id, name: org.name };
  });
}

export const deleteOrganizationAction = orgAction("org:delete", deleteOrganizationInput, async ({ confirm_name }, { db, orgId, actor, user }) => {
  const org = await deleteOrganization(db, orgId, confirm_name, actor);
  revalidatePath("/", "layout");
  return { id: org.id, name: org.name, next: await landing(db, user.id) };
});

export const leaveOrganizationAction = orgAction("org:read", z.object({}), async (_input, { db, orgId, actor, user }) => {
  await leaveOrganization(db, orgId, user.id, actor, credentialConsequences);
  revalidatePath("/", "layout");
  return { next: await landing(db, user.id) };
});

/**
 * The invitation page's "Join": the signed-in, invited user confirms and joins (a POST, never
 * the link itself). Any refusal goes back to the invitation's page, which says why.
 */
export async function acceptInvitationAction(form: FormData) {
  const token = form.get("token");
  if (!isInvitationToken(token)) redirect("/");
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(invitationPath(token))}`);
  let joined: string;
  try {
    joined = (await acceptInvitation(await getDb(), token, user, await userActor(user))).organization.id;
  } catch (error) {
    if (error instanceof InvitationRefusedError) redirect(invitationPath(token));
    throw error;
  }
  revalidatePath("/", "layout");
  redirect(`/orgs/${joined}`);
}

/** The invitation page's "Sign out": back to the same invitation, signed out. */
export async function signOutToInvitationAction(form: FormData) {
  const token = form.get("token");
  await signOut({ redirectTo: isInvitationToken(token) ? invitationPath(token) : "/sign-in" });
}
