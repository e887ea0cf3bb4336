import { z } from "zod";
import { apiKeyResource, createApiKeyInput } from "@/lib/auth";
import { pageQuerySchema } from "@/lib/validation";
import { defineRoutes, listOf } from "../route";

const tag = "API keys";

export const apiKeyRoutes = defineRoutes({
  listApiKeys: { method: "GET", path: "/api-keys", summary: "List API keys", tag, auth: { apiKey: "api_keys:manage" }, query: pageQuerySchema, response: listOf(apiKeyResource) },
  createApiKey: {
    method: "POST",
    path: "/api-keys",
    summary: "Create an API key (the key is in this response only)",
    tag,
    auth: { apiKey: "api_keys:manage" },
    body: createApiKeyInput,
    example: { name: "CI", scopes: ["builds:write"] },
    status: 201,
    response: apiKeyResource.extend({ key: z.string() }),
    noStore: true,
  },
  revokeApiKey: {
    method: "DELETE",
    path: "/api-keys/{keyId}",
    summary: "Revoke an API key",
    tag,
    auth: { apiKey: "api_keys:manage" },
    response: apiKeyResource.extend({ deleted: z.literal(true) }),
  },
});
