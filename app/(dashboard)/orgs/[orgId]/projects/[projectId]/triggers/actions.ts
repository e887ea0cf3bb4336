"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/lib/api/action-result";
import { parseWith } from "@/lib/api/parse";
import { requireOrgAction } from "@/lib/auth/session";
import { getProject } from "@/lib/projects";
import { putTriggerRules, revealProjectSecret, rotateProjectSecret, triggerRulesInput } from "@/lib/triggers";

const secretKind = z.enum(["trigger", "github"]);

function revalidateTriggers(orgId: string, projectId: string) {
  revalidatePath(`/orgs/${orgId}/projects/${projectId}/triggers`);
}

/** Replaces the project's trigger rules with the seed-shaped `{ rules: [...] }`. */
export async function saveTriggerRulesAction(orgId: string, projectId: string, input: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "webhooks:write");
    const { rules } = parseWith(triggerRulesInput, input);
    const saved = await putTriggerRules(db, orgId, projectId, rules, actor);
    revalidateTriggers(orgId, projectId);
    return saved;
  });
}

export async function revealProjectSecretAction(orgId: string, projectId: string, kind: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "secrets:manage");
    const project = await getProject(db, orgId, projectId);
    return revealProjectSecret(db, orgId, project.id, parseWith(secretKind, kind), actor);
  });
}

export async function rotateProjectSecretAction(orgId: string, projectId: string, kind: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "secrets:manage");
    const project = await getProject(db, orgId, projectId);
    return rotateProjectSecret(db, orgId, project.id, parseWith(secretKind, kind), actor);
  });
}
