import { json, listResponse, pageQuerySchema, parseBody, parseQuery, withApiKey } from "@/lib/api";
import { createProject, createProjectInput, listProjects, toProjectResource } from "@/lib/projects";

export const GET = withApiKey({ permission: "projects:read" }, async (req, { db, orgId }) => {
  const page = await listProjects(db, orgId, parseQuery(req, pageQuerySchema));
  return listResponse(page.items.map(toProjectResource), page.nextCursor);
});

export const POST = withApiKey({ permission: "projects:write" }, async (req, { db, orgId, actor }) => {
  const input = await parseBody(req, createProjectInput);
  const project = await createProject(db, orgId, input, actor);
  return json(toProjectResource(project), { status: 201 });
});
