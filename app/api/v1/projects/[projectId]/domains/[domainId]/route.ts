import { handle, routes } from "@/lib/api";
import { removeDomain } from "@/lib/builds";

export const DELETE = handle(routes.removeDomain, async ({ db, orgId, actor, params }) => {
  const domain = await removeDomain(db, orgId, params.projectId, params.domainId, actor);
  return { id: domain.id, deleted: true as const };
});
