// Custom domains of a project (docs/triggers.md#domains): adding one publishes domain.added;
// adding and removing are audited.
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import { parseWith } from "@/lib/validation";
import { isPublicId, isUniqueViolation, newId, type Db } from "@/lib/db";
import { announceMessages, publishEventIn } from "@/lib/delivery";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { getProject } from "@/lib/projects/projects";
import { addDomainInput } from "./schemas";

/** At most this many custom domains per project (the list is one page). */
export const MAX_DOMAINS_PER_PROJECT = 100;

export async function addDomain(db: Db, orgId: string, projectId: string, hostname: string, actor: Actor, now = new Date()) {
  const { hostname: name } = parseWith(addDomainInput, { hostname });
  const project = await getProject(db, orgId, projectId);
  const duplicate = () => new ConflictError(`${name} is already a domain of ${project.name}.`);
  const { domain, message } = await db
    .$transaction(async (tx) => {
      const taken = await tx.domain.findUnique({ where: { projectId_hostname: { projectId: project.id, hostname: name } } });
      if (taken) throw duplicate();
      if ((await tx.domain.count({ where: { projectId: project.id } })) >= MAX_DOMAINS_PER_PROJECT) {
        throw new ConflictError(`${project.name} already has ${MAX_DOMAINS_PER_PROJECT} domains, the most a project can have. Remove one first.`);
      }
      const created = await tx.domain.create({ data: { id: newId("dom", now.getTime()), projectId: project.id, hostname: name, createdAt: now } });
      const published = await publishEventIn(
        tx,
        {
          orgId,
          projectId: project.id,
          type: "domain.added",
          data: { domain: { id: created.id, hostname: created.hostname, project_id: project.id }, project: { id: project.id, name: project.name } },
        },
        now,
      );
      return { domain: created, message: published.message };
    })
    .catch((error: unknown) => {
      // The same hostname added twice at the same moment: the unique key lets one in.
      throw isUniqueViolation(error) ? duplicate() : error;
    });
  await announceMessages([message]);
  await recordAudit(db, orgId, actor, "domain.added", { type: "domain", id: domain.id }, { hostname: domain.hostname, project_id: project.id });
  return domain;
}

export async function listDomains(db: Db, orgId: string, projectId: string) {
  const project = await getProject(db, orgId, projectId);
  return db.domain.findMany({ where: { projectId: project.id }, orderBy: { hostname: "asc" } });
}

/** Removes a domain of the project; another project's or organization's domain is NotFoundError. */
export async function removeDomain(db: Db, orgId: string, projectId: string, domainId: string, actor: Actor) {
  const project = await getProject(db, orgId, projectId);
  const domain = isPublicId(domainId) ? await db.domain.findFirst({ where: { id: domainId, projectId: project.id } }) : null;
  if (!domain) throw new NotFoundError("Domain", domainId);
  // Removed meanwhile by someone else: the same answer as a domain that never existed.
  const removed = await db.domain.deleteMany({ where: { id: domain.id, projectId: project.id } });
  if (removed.count === 0) throw new NotFoundError("Domain", domainId);
  await recordAudit(db, orgId, actor, "domain.removed", { type: "domain", id: domain.id }, { hostname: domain.hostname, project_id: project.id });
  return domain;
}
