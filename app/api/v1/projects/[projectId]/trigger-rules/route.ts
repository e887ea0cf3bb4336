import { handle, routes } from "@/lib/api";
import { getProject } from "@/lib/projects";
import { getTriggerRules, putTriggerRules } from "@/lib/triggers";

export const GET = handle(routes.getTriggerRules, async ({ db, orgId, params }) => {
  const project = await getProject(db, orgId, params.projectId);
  return { rules: await getTriggerRules(db, project.id) };
});

export const PUT = handle(routes.putTriggerRules, async ({ db, orgId, actor, params, body }) => {
  return { rules: await putTriggerRules(db, orgId, params.projectId, body.rules, actor) };
});
