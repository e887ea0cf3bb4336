import { handle, routes } from "@/lib/api";
import { getDeployment, toDeploymentResource } from "@/lib/builds";

export const GET = handle(routes.getDeployment, async ({ db, orgId, params }) => {
  return toDeploymentResource(await getDeployment(db, orgId, params.deploymentId));
});
