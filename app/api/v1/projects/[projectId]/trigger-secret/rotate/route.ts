import { handle, routes } from "@/lib/api";
import { rotateProjectSecret } from "@/lib/triggers";

export const POST = handle(routes.rotateTriggerSecret, async ({ db, orgId, actor, params }) => {
  return rotateProjectSecret(db, orgId, params.projectId, "trigger", actor);
});
