import { json, withApiKey } from "@/lib/api";
import { getBuild, toBuildDetailResource } from "@/lib/builds";

type Params = { buildId: string };

export const GET = withApiKey<Params>({ permission: "builds:read" }, async (_req, { db, orgId, params }) => {
  return json(toBuildDetailResource(await getBuild(db, orgId, params.buildId)));
});
