"use server";
// Dashboard actions on projects.
import { revalidatePath } from "next/cache";
import { createProject, createProjectInput, toProjectResource } from "@/lib/projects";
import { orgAction } from "./guard";

export const createProjectAction = orgAction("projects:write", createProjectInput, async (input, { db, orgId, actor }) => {
  const project = await createProject(db, orgId, input, actor);
  revalidatePath(`/orgs/${orgId}`);
  return toProjectResource(project);
});
