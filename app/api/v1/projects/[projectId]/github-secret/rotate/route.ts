import { handle, routes } from "@/lib/api";
import { rotateProjectSecret } from "@/lib/triggers";

export const POST = handle(routes.rotateGithubSecret, async ({ db, orgId, actor, params }) => {
  return rotateProjectSecret(db, orgId, params.projectId, "github", actor);
});
