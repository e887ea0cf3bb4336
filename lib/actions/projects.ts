"use server";
// Dashboard actions on projects and their custom domains.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { addDomain, addDomainInput, listDomains, removeDomain, toDomainResource } from "@/lib/builds";
import { createProject, createProjectInput, deleteProject, toProjectResource, updateProject, updateProjectInput } from "@/lib/projects";
import { idSchema } from "@/lib/validation";
import { orgAction, withRef } from "./guard";

const projectRef = z.object({ projectId: idSchema });

// A project's name and description show in the organization's pages (list, breadcrumb, tabs).
function revalidateOrg(orgId: string) {
  revalidatePath(`/orgs/${orgId}`, "layout");
}

export const createProjectAction = orgAction("projects:write", createProjectInput, async (input, { db, orgId, actor }) => {
  const project = await createProject(db, orgId, input, actor);
  revalidatePath(`/orgs/${orgId}`);
  return toProjectResource(project);
});

export const updateProjectAction = orgAction(
  "projects:write",
  withRef({ projectId: idSchema }, updateProjectInput),
  async ({ projectId, ...changes }, { db, orgId, actor, role }) => {
    const project = await updateProject(db, orgId, projectId, changes, actor, { kind: "role", role });
    revalidateOrg(orgId);
    return toProjectResource(project);
  },
);

// Not revalidated: the page asking is the deleted project's own, which would render as not
// found before the browser moves on to the organization's projects (rendered fresh on arrival).
export const deleteProjectAction = orgAction("projects:write", projectRef, async ({ projectId }, { db, orgId, actor }) => {
  const project = await deleteProject(db, orgId, projectId, actor);
  return { id: project.id, name: project.name };
});

export const listDomainsAction = orgAction("projects:read", projectRef, async ({ projectId }, { db, orgId }) => {
  return (await listDomains(db, orgId, projectId)).map(toDomainResource);
});

export const addDomainAction = orgAction(
  "projects:write",
  withRef({ projectId: idSchema }, addDomainInput),
  async ({ projectId, hostname }, { db, orgId, actor }) => {
    return toDomainResource(await addDomain(db, orgId, projectId, hostname, actor));
  },
);

export const removeDomainAction = orgAction(
  "projects:write",
  projectRef.extend({ domainId: idSchema }),
  async ({ projectId, domainId }, { db, orgId, actor }) => {
    return toDomainResource(await removeDomain(db, orgId, projectId, domainId, actor));
  },
);
