// Creating and deleting organizations (docs/security.md#members-and-invitations). Anyone signed
// in creates one and becomes its owner; an owner deletes one by typing its name, and everything
// it owns goes with it: projects, builds, endpoints, events, deliveries, API keys, members,
// invitations, inboxes and its audit log. What survives is one line in the server log.
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import type { Db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createOrganization } from "./organizations";

/** A new organization named `name`, with `userId` as its owner; audited `organization.created`. */
export async function createOrganizationFor(db: Db, userId: string, name: string, actor: Actor) {
  const org = await db.$transaction((tx) => createOrganization(tx, { name }, userId));
  await recordAudit(db, org.id, actor, "organization.created", { type: "organization", id: org.id }, { name: org.name });
  return org;
}

/**
 * Deletes the organization and everything it owns, when `confirmName` is exactly its name.
 * Rows keyed by a project without a foreign key (GitHub deliveries and bodies already handled,
 * idempotency keys, signed triggers already answered) are deleted first; the rest cascades.
 */
export async function deleteOrganization(db: Db, orgId: string, confirmName: string, actor: Actor) {
  const org = await db.organization.findUnique({ where: { id: orgId } });
  if (!org) throw new NotFoundError("Organization", orgId);
  if (confirmName !== org.name) {
    throw new ValidationError("Type the organization's name to confirm.", [
      { field: "confirm_name", message: `Type “${org.name}” exactly to confirm.`, code: "mismatch" },
    ]);
  }
  const counts = await db.$transaction(async (tx) => {
    const projects = await tx.project.findMany({ where: { organizationId: orgId }, select: { id: true } });
    const projectId = { in: projects.map((p) => p.id) };
    await tx.githubDelivery.deleteMany({ where: { projectId } });
    await tx.githubPayload.deleteMany({ where: { projectId } });
    await tx.idempotencyKey.deleteMany({ where: { projectId } });
    await tx.triggerSignature.deleteMany({ where: { projectId } });
    const members = await tx.membership.count({ where: { organizationId: orgId } });
    const endpoints = await tx.endpoint.count({ where: { organizationId: orgId } });
    const events = await tx.message.count({ where: { organizationId: orgId } });
    const keys = await tx.apiKey.count({ where: { organizationId: orgId } });
    await tx.organization.delete({ where: { id: orgId } });
    return { projects: projects.length, members, endpoints, events, keys };
  });
  // The organization's audit log went with it: the server log keeps the one line that says so.
  console.info(
    `[organizations] ${actor.label} (${actor.type} ${actor.id ?? "-"}) deleted organization ${org.id} "${org.name}" with ` +
      `${counts.projects} project(s), ${counts.endpoints} endpoint(s), ${counts.events} event(s), ${counts.keys} API key(s), ${counts.members} member(s)`,
  );
  return org;
}
