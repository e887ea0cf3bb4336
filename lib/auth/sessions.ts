// Sessions end (docs/security.md#sessions-and-passwords). A session is a JWT that carries the
// user's session version at sign-in; every request compares it with the user's row, so raising
// the version signs out every session issued before: sign-out, a password change, a role
// change and a removal from an organization do.
import "server-only";
import type { Tx } from "@/lib/db";

/** Ends every session of the user (on every device); the next request of each is signed out. */
export async function endSessions(db: Tx, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** The version a new session of the user carries. */
export async function sessionVersionOf(db: Tx, userId: string): Promise<number> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? 0;
}

/** Whether a session issued at `issued` is still current for a user at `current`. Sessions issued before versions existed carry none: 0. */
export function sessionIsCurrent(issued: unknown, current: number): boolean {
  return (typeof issued === "number" ? issued : 0) === current;
}
