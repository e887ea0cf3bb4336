"use server";
// Dashboard actions of a project's Triggers tab: the rules, and the project's secrets.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getProject } from "@/lib/projects";
import { putTriggerRules, revealProjectSecret, rotateProjectSecret, triggerRulesInput } from "@/lib/triggers";
import { idSchema } from "@/lib/validation";
import { orgAction, withRef } from "./guard";

const secretRef = z.object({ projectId: idSchema, kind: z.enum(["trigger", "github"]) });

/** Replaces the project's trigger rules with `{ rules: [...] }`, the shape of the API. */
export const saveTriggerRulesAction = orgAction(
  "webhooks:write",
  withRef({ projectId: idSchema }, triggerRulesInput),
  async ({ projectId, rules }, { db, orgId, actor }) => {
    const saved = await putTriggerRules(db, orgId, projectId, rules, actor);
    revalidatePath(`/orgs/${orgId}/projects/${projectId}/triggers`);
    return saved;
  },
);

export const revealProjectSecretAction = orgAction("secrets:manage", secretRef, async ({ projectId, kind }, { db, orgId, actor }) => {
  const project = await getProject(db, orgId, projectId);
  return revealProjectSecret(db, orgId, project.id, kind, actor);
});

export const rotateProjectSecretAction = orgAction("secrets:manage", secretRef, async ({ projectId, kind }, { db, orgId, actor }) => {
  const project = await getProject(db, orgId, projectId);
  return rotateProjectSecret(db, orgId, project.id, kind, actor);
});
