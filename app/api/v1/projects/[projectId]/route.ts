import { handle, routes } from "@/lib/api";
import { deleteProject, getProject, toProjectResource, updateProject } from "@/lib/projects";

export const GET = handle(routes.getProject, async ({ db, orgId, params }) => {
  return toProjectResource(await getProject(db, orgId, params.projectId));
});

export const PATCH = handle(routes.updateProject, async ({ db, orgId, actor, grant, params, body }) => {
  return toProjectResource(await updateProject(db, orgId, params.projectId, body, actor, grant));
});

export const DELETE = handle(routes.deleteProject, async ({ db, orgId, actor, params }) => {
  const project = await deleteProject(db, orgId, params.projectId, actor);
  return { id: project.id, deleted: true as const };
});
