// Deployers report how a deployment ended here (docs/triggers.md#deployments).
import { handle, routes } from "@/lib/api";
import { reportDeploymentStatus, toDeploymentResource } from "@/lib/builds";

export const POST = handle(routes.reportDeploymentStatus, async ({ db, orgId, actor, params, body }) => {
  return toDeploymentResource(await reportDeploymentStatus(db, orgId, params.deploymentId, body, actor));
});
