import { handle, routes } from "@/lib/api";
import { listArtifacts, toArtifactResource } from "@/lib/builds";

export const GET = handle(routes.listBuildArtifacts, async ({ db, orgId, params }) => {
  return { data: (await listArtifacts(db, orgId, params.buildId)).map(toArtifactResource), next_cursor: null };
});
