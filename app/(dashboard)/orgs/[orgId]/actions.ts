"use server";

import { revalidatePath } from "next/cache";
import { parseWith } from "@/lib/api/parse";
import { runAction } from "@/lib/api/action-result";
import { createApiKey, createApiKeyInput, revokeApiKey, toApiKeyResource } from "@/lib/auth";
import { requireOrgAction } from "@/lib/auth/session";
import { createProject, createProjectInput, toProjectResource } from "@/lib/projects";

export async function createProjectAction(orgId: string, input: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "projects:write");
    const project = await createProject(db, orgId, parseWith(createProjectInput, input), actor);
    revalidatePath(`/orgs/${orgId}`);
    return toProjectResource(project);
  });
}

export async function createApiKeyAction(orgId: string, input: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "api_keys:manage");
    const { key, secret } = await createApiKey(db, orgId, parseWith(createApiKeyInput, input), actor);
    revalidatePath(`/orgs/${orgId}/api-keys`);
    return { key: toApiKeyResource(key), secret };
  });
}

export async function revokeApiKeyAction(orgId: string, keyId: string) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "api_keys:manage");
    const key = await revokeApiKey(db, orgId, keyId, actor);
    revalidatePath(`/orgs/${orgId}/api-keys`);
    return toApiKeyResource(key);
  });
}
