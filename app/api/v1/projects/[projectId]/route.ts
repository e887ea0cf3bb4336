import { json, parseBody, withApiKey } from "@/lib/api";
import { deleteProject, getProject, toProjectResource, updateProject, updateProjectInput } from "@/lib/projects";

type Params = { projectId: string };

export const GET = withApiKey<Params>({ permission: "projects:read" }, async (_req, { db, orgId, params }) => {
  return json(toProjectResource(await getProject(db, orgId, params.projectId)));
});

export const PATCH = withApiKey<Params>({ permission: "projects:write" }, async (req, { db, orgId, actor, params }) => {
  const input = await parseBody(req, updateProjectInput);
  return json(toProjectResource(await updateProject(db, orgId, params.projectId, input, actor)));
});

export const DELETE = withApiKey<Params>({ permission: "projects:write" }, async (_req, { db, orgId, actor, params }) => {
  const project = await deleteProject(db, orgId, params.projectId, actor);
  return json({ id: project.id, deleted: true });
});
