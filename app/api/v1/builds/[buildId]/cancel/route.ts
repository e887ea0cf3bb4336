import { handle, routes } from "@/lib/api";
import { cancelBuild, getBuild, toBuildDetailResource } from "@/lib/builds";

export const POST = handle(routes.cancelBuild, async ({ db, orgId, actor, params }) => {
  const build = await cancelBuild(db, orgId, params.buildId, actor);
  return toBuildDetailResource(await getBuild(db, orgId, build.id));
});
