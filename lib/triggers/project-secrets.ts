// A project's trigger secret (manual trigger endpoint) and GitHub webhook secret:
// stored encrypted, revealed and rotated by admins, every reveal and rotation audited.
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import { secretBox } from "@/lib/crypto";
import type { Db } from "@/lib/db";
import { getProject, newProjectSecret } from "@/lib/projects";

export type ProjectSecretKind = "trigger" | "github";

const COLUMN = { trigger: "triggerSecretEncrypted", github: "githubSecretEncrypted" } as const;

/** The decrypted secret, for verifying requests (never log it). */
export function projectSecret(project: { triggerSecretEncrypted: string; githubSecretEncrypted: string }, kind: ProjectSecretKind): string {
  return secretBox().decrypt(project[COLUMN[kind]]);
}

export async function revealProjectSecret(db: Db, orgId: string, projectId: string, kind: ProjectSecretKind, actor: Actor) {
  const project = await getProject(db, orgId, projectId);
  await recordAudit(db, orgId, actor, `project.${kind}_secret_revealed`, { type: "project", id: project.id });
  return { secret: projectSecret(project, kind) };
}

/** Replaces the secret at once: requests signed with the old one are refused from now on. */
export async function rotateProjectSecret(db: Db, orgId: string, projectId: string, kind: ProjectSecretKind, actor: Actor) {
  const project = await getProject(db, orgId, projectId);
  const secret = newProjectSecret(kind);
  await db.project.update({ where: { id: project.id }, data: { [COLUMN[kind]]: secretBox().encrypt(secret) } });
  await recordAudit(db, orgId, actor, `project.${kind}_secret_rotated`, { type: "project", id: project.id });
  return { secret };
}
