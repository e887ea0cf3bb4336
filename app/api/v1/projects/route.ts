import { handle, routes } from "@/lib/api";
import { createProject, listProjects, toProjectResource } from "@/lib/projects";

export const GET = handle(routes.listProjects, async ({ db, orgId, query }) => {
  const page = await listProjects(db, orgId, query);
  return { data: page.items.map(toProjectResource), next_cursor: page.nextCursor };
});

export const POST = handle(routes.createProject, async ({ db, orgId, actor, body }) => {
  return toProjectResource(await createProject(db, orgId, body, actor));
});
