// Session-side authorization for pages and server actions: who is signed in, and
// may they act on this organization? Non-members get a 404, like the API.
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { notFound, redirect } from "next/navigation";
import { requestOrigin, type Actor } from "@/lib/audit";
import { getDb, type Db } from "@/lib/db";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { getMembershipRole } from "@/lib/organizations";
import { auth } from "./authjs";
import { sessionIsCurrent } from "./sessions";
import { can, requirementOf, type Permission, type Role } from "./permissions";

export type SessionUser = { id: string; email: string; name: string | null };
export type OrgAccess = { db: Db; user: SessionUser; orgId: string; role: Role; actor: Actor };

// Layouts and pages of one request each ask who is signed in and what they may do; React's
// cache() answers them from one lookup per request (outside a render it simply calls through).
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  // The cookie may outlive the user (a reset data folder, a deleted account), or the session
  // may have been ended (sign-out, a password or role change, a removal: lib/auth/sessions.ts).
  const user = await (await getDb()).user.findUnique({
    where: { id: session.user.id },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
  if (!user || !sessionIsCurrent(session.sessionVersion, user.sessionVersion)) return null;
  return { id: user.id, email: user.email, name: user.name };
});

/** For pages: the signed-in user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

const access = cache(async (orgId: string, user: SessionUser): Promise<OrgAccess | null> => {
  const db = await getDb();
  const role = await getMembershipRole(db, orgId, user.id);
  if (!role) return null;
  const actor: Actor = { type: "user", id: user.id, label: user.email, ...requestOrigin(await headers()) };
  return { db, user, orgId, role, actor };
});

/** For pages: the member's access to the organization; 404 for non-members. */
export async function requireOrgPage(orgId: string, permission: Permission = "org:read"): Promise<OrgAccess> {
  const user = await requireUser();
  const result = await access(orgId, user);
  if (!result || !can({ kind: "role", role: result.role }, "org:read")) notFound();
  if (!can({ kind: "role", role: result.role }, permission)) {
    throw new ForbiddenError(requirementOf({ kind: "role", role: result.role }, permission));
  }
  return result;
}

/** For server actions: like requireOrgPage, but throws typed errors the action turns into messages. */
export async function requireOrgAction(orgId: string, permission: Permission): Promise<OrgAccess> {
  const user = await currentUser();
  if (!user) throw new UnauthorizedError("Your session has ended. Sign in again.");
  const result = await access(orgId, user);
  if (!result) throw new ForbiddenError("You are not a member of this organization.");
  const grant = { kind: "role", role: result.role } as const;
  if (!can(grant, permission)) throw new ForbiddenError(requirementOf(grant, permission));
  return result;
}
