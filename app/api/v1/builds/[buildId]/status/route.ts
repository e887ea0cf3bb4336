import { json, parseBody, withApiKey } from "@/lib/api";
import { buildStatusInput, getBuild, toBuildDetailResource, transitionBuild } from "@/lib/builds";

type Params = { buildId: string };

// Build runners report progress here (§2.3).
export const POST = withApiKey<Params>({ permission: "builds:write" }, async (req, { db, orgId, actor, params }) => {
  const input = await parseBody(req, buildStatusInput);
  const build = await transitionBuild(db, orgId, params.buildId, input, actor);
  return json(toBuildDetailResource(await getBuild(db, orgId, build.id)));
});
