import { json, parseBody, withApiKey } from "@/lib/api";
import { deployBuild, deployInput, toDeploymentResource } from "@/lib/builds";

type Params = { buildId: string };

export const POST = withApiKey<Params>({ permission: "builds:write" }, async (req, { db, orgId, actor, params }) => {
  const input = await parseBody(req, deployInput);
  return json(toDeploymentResource(await deployBuild(db, orgId, params.buildId, input, actor)), { status: 201 });
});
