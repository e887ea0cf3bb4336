import { json, parseBody, withApiKey } from "@/lib/api";
import { getProject } from "@/lib/projects";
import { getTriggerRules, putTriggerRules, triggerRulesInput } from "@/lib/triggers";

type Params = { projectId: string };

export const GET = withApiKey<Params>({ permission: "builds:read" }, async (_req, { db, orgId, params }) => {
  const project = await getProject(db, orgId, params.projectId);
  return json({ rules: await getTriggerRules(db, project.id) });
});

export const PUT = withApiKey<Params>({ permission: "webhooks:write" }, async (req, { db, orgId, actor, params }) => {
  const { rules } = await parseBody(req, triggerRulesInput);
  return json({ rules: await putTriggerRules(db, orgId, params.projectId, rules, actor) });
});
