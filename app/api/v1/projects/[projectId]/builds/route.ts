import { json, listResponse, pageQuerySchema, parseBody, parseQuery, withApiKey } from "@/lib/api";
import { listBuilds, queueBuild, queueBuildInput, toBuildResource } from "@/lib/builds";

type Params = { projectId: string };

export const GET = withApiKey<Params>({ permission: "builds:read" }, async (req, { db, orgId, params }) => {
  const page = await listBuilds(db, orgId, params.projectId, parseQuery(req, pageQuerySchema));
  return listResponse(page.items.map(toBuildResource), page.nextCursor);
});

export const POST = withApiKey<Params>({ permission: "builds:write" }, async (req, { db, orgId, params }) => {
  const input = await parseBody(req, queueBuildInput);
  return json(toBuildResource(await queueBuild(db, orgId, params.projectId, input, "api")), { status: 201 });
});
