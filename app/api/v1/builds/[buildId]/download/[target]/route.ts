// A redirect to the one artifact that matches, or the list when several do (docs/triggers.md#artifacts).
import { handle, Redirect, routes } from "@/lib/api";
import { artifactDownload } from "@/lib/builds";

export const GET = handle(routes.downloadBuildArtifacts, async ({ db, orgId, params }) => {
  const answer = await artifactDownload(db, orgId, params.buildId, params.target);
  return "redirect" in answer ? new Redirect(answer.redirect) : answer.list;
});
