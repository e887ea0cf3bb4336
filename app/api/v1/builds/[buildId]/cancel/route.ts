import { json, withApiKey } from "@/lib/api";
import { cancelBuild, getBuild, toBuildDetailResource } from "@/lib/builds";

type Params = { buildId: string };

export const POST = withApiKey<Params>({ permission: "builds:write" }, async (_req, { db, orgId, actor, params }) => {
  const build = await cancelBuild(db, orgId, params.buildId, actor);
  return json(toBuildDetailResource(await getBuild(db, orgId, build.id)));
});
