import { handle, routes } from "@/lib/api";
import { revealProjectSecret } from "@/lib/triggers";

export const GET = handle(routes.revealGithubSecret, async ({ db, orgId, actor, params }) => {
  return revealProjectSecret(db, orgId, params.projectId, "github", actor);
});
