import { handle, routes } from "@/lib/api";
import { listDeployments, toDeploymentResource } from "@/lib/builds";

export const GET = handle(routes.listProjectDeployments, async ({ db, orgId, params, query }) => {
  const page = await listDeployments(db, orgId, params.projectId, query);
  return { data: page.items.map(toDeploymentResource), next_cursor: page.nextCursor };
});
