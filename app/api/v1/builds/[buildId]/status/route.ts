// Build runners report progress here (docs/triggers.md#builds).
import { handle, routes } from "@/lib/api";
import { getBuild, toBuildDetailResource, transitionBuild } from "@/lib/builds";

export const POST = handle(routes.reportBuildStatus, async ({ db, orgId, actor, params, body }) => {
  const build = await transitionBuild(db, orgId, params.buildId, body, actor);
  return toBuildDetailResource(await getBuild(db, orgId, build.id));
});
