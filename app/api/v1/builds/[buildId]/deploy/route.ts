import { handle, routes } from "@/lib/api";
import { deployBuild, toDeploymentResource } from "@/lib/builds";

export const POST = handle(routes.deployBuild, async ({ db, orgId, actor, params, body }) => {
  return toDeploymentResource(await deployBuild(db, orgId, params.buildId, body, actor));
});
