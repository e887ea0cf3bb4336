"use server";
// Dashboard actions on API keys: create (the key is shown once) and revoke.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey, createApiKeyInput, revokeApiKey, toApiKeyResource } from "@/lib/auth";
import { idSchema } from "@/lib/validation";
import { orgAction } from "./guard";

export const createApiKeyAction = orgAction("api_keys:manage", createApiKeyInput, async (input, { db, orgId, actor, user, role }) => {
  const { key, secret } = await createApiKey(db, orgId, input, actor, { userId: user.id, role });
  revalidatePath(`/orgs/${orgId}/api-keys`);
  return { key: toApiKeyResource(key), secret };
});

export const revokeApiKeyAction = orgAction("api_keys:manage", z.object({ keyId: idSchema }), async ({ keyId }, { db, orgId, actor }) => {
  const key = await revokeApiKey(db, orgId, keyId, actor);
  revalidatePath(`/orgs/${orgId}/api-keys`);
  return toApiKeyResource(key);
});
