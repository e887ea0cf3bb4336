// Custom domains of a project (docs/triggers.md#builds): adding one publishes domain.added.
import { recordAudit, type Actor } from "@/lib/audit";
import { parseWith } from "@/lib/validation";
import { newId, type Db } from "@/lib/db";
import { announceMessages, publishEventIn } from "@/lib/delivery";
import { ConflictError } from "@/lib/errors";
import { getProject } from "@/lib/projects/projects";
import { addDomainInput } from "./schemas";

export async function addDomain(db: Db, orgId: string, projectId: string, hostname: string, actor: Actor, now = new Date()) {
  const { hostname: name } = parseWith(addDomainInput, { hostname });
  const project = await getProject(db, orgId, projectId);
  const { domain, message } = await db.$transaction(async (tx) => {
    const taken = await tx.domain.findUnique({ where: { projectId_hostname: { projectId: project.id, hostname: name } } });
    if (taken) throw new ConflictError(`${name} is already a domain of ${project.name}.`);
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
  });
  await announceMessages([message]);
  await recordAudit(db, orgId, actor, "domain.added", { type: "domain", id: domain.id }, { hostname: domain.hostname });
  return domain;
}

export async function listDomains(db: Db, orgId: string, projectId: string) {
  const project = await getProject(db, orgId, projectId);
  return db.domain.findMany({ where: { projectId: project.id }, orderBy: { hostname: "asc" } });
}
