import { handle, routes } from "@/lib/api";
import { listBuilds, queueBuild, toBuildResource } from "@/lib/builds";

export const GET = handle(routes.listBuilds, async ({ db, orgId, params, query }) => {
  const page = await listBuilds(db, orgId, params.projectId, query);
  return { data: page.items.map(toBuildResource), next_cursor: page.nextCursor };
});

export const POST = handle(routes.queueBuild, async ({ db, orgId, params, body }) => {
  return toBuildResource(await queueBuild(db, orgId, params.projectId, body, "api"));
});
