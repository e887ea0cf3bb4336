// The OpenAPI 3.1 document of /api/v1 (§4), generated from the same zod schemas the
// handlers parse with and the mappers produce. Adding a route means adding it here.
import { z } from "zod";
import { apiKeyResource, createApiKeyInput } from "@/lib/auth/api-keys";
import { API_KEY_SCOPES } from "@/lib/auth/permissions";
import {
  deliveryDetailResource,
  deliveryListQuery,
  deliveryResource,
  eventListQuery,
  eventResource,
  recoverInput,
  replayInput,
} from "@/lib/delivery/schemas";
import { createProjectInput, projectResource, updateProjectInput } from "@/lib/projects/schemas";
import {
  addDomainInput,
  buildDetailResource,
  buildResource,
  buildStatusInput,
  deployInput,
  deploymentResource,
  domainResource,
  queueBuildInput,
} from "@/lib/builds/schemas";
import { triggerRulesInput } from "@/lib/triggers/rules";
import { EVENT_TYPES } from "@/lib/webhooks/event-catalog";
import { createWebhookInput, rotateSecretInput, secretResource, updateWebhookInput, webhookResource } from "@/lib/webhooks/schemas";
import { pageQuerySchema } from "./pagination";

type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  tag: string;
  scope?: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  status?: number;
  response?: z.ZodType;
  list?: boolean;
};

const deleted = z.object({ id: z.string(), deleted: z.literal(true) });
const testResult = z.object({
  delivery_id: z.string(),
  event_id: z.string(),
  status: z.enum(["succeeded", "failed"]),
  response_status: z.number().int().nullable(),
  duration_ms: z.number().int(),
  response_body: z.string(),
  error: z.string().nullable(),
});

const secretOnly = z.object({ secret: z.string() });

const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/projects/{projectId}/trigger",
    summary: "Trigger a build from any CI (authenticated with the project's trigger secret, not an API key)",
    tag: "Triggers",
    body: queueBuildInput,
    status: 202,
    response: z.object({ build_id: z.string(), status: z.literal("queued") }),
  },
  { method: "get", path: "/projects/{projectId}/builds", summary: "List a project's builds", tag: "Builds", scope: "builds:read", query: pageQuerySchema, response: buildResource, list: true },
  { method: "post", path: "/projects/{projectId}/builds", summary: "Queue a build", tag: "Builds", scope: "builds:write", body: queueBuildInput, status: 201, response: buildResource },
  { method: "get", path: "/builds/{buildId}", summary: "Get a build with its timeline and deployments", tag: "Builds", scope: "builds:read", response: buildDetailResource },
  { method: "post", path: "/builds/{buildId}/status", summary: "Report a build's progress (runners)", tag: "Builds", scope: "builds:write", body: buildStatusInput, response: buildDetailResource },
  { method: "post", path: "/builds/{buildId}/cancel", summary: "Cancel a queued or running build", tag: "Builds", scope: "builds:write", response: buildDetailResource },
  { method: "post", path: "/builds/{buildId}/deploy", summary: "Deploy a succeeded build", tag: "Builds", scope: "builds:write", body: deployInput, status: 201, response: deploymentResource },
  { method: "get", path: "/projects/{projectId}/domains", summary: "List a project's custom domains", tag: "Projects", scope: "projects:read", response: domainResource, list: true },
  { method: "post", path: "/projects/{projectId}/domains", summary: "Add a custom domain", tag: "Projects", scope: "projects:write", body: addDomainInput, status: 201, response: domainResource },
  { method: "get", path: "/projects/{projectId}/trigger-rules", summary: "Get the GitHub push and release rules", tag: "Triggers", scope: "builds:read", response: triggerRulesInput },
  { method: "put", path: "/projects/{projectId}/trigger-rules", summary: "Replace the GitHub push and release rules", tag: "Triggers", scope: "webhooks:write", body: triggerRulesInput, response: triggerRulesInput },
  { method: "get", path: "/projects/{projectId}/trigger-secret", summary: "Reveal the trigger secret", tag: "Triggers", scope: "admin", response: secretOnly },
  { method: "post", path: "/projects/{projectId}/trigger-secret/rotate", summary: "Rotate the trigger secret", tag: "Triggers", scope: "admin", response: secretOnly },
  { method: "get", path: "/projects/{projectId}/github-secret", summary: "Reveal the GitHub webhook secret", tag: "Triggers", scope: "admin", response: secretOnly },
  { method: "post", path: "/projects/{projectId}/github-secret/rotate", summary: "Rotate the GitHub webhook secret", tag: "Triggers", scope: "admin", response: secretOnly },
  { method: "get", path: "/projects", summary: "List projects", tag: "Projects", scope: "projects:read", query: pageQuerySchema, response: projectResource, list: true },
  { method: "post", path: "/projects", summary: "Create a project", tag: "Projects", scope: "projects:write", body: createProjectInput, status: 201, response: projectResource },
  { method: "get", path: "/projects/{projectId}", summary: "Get a project", tag: "Projects", scope: "projects:read", response: projectResource },
  { method: "patch", path: "/projects/{projectId}", summary: "Update a project", tag: "Projects", scope: "projects:write", body: updateProjectInput, response: projectResource },
  { method: "delete", path: "/projects/{projectId}", summary: "Delete a project", tag: "Projects", scope: "projects:write", response: deleted },
  { method: "get", path: "/api-keys", summary: "List API keys", tag: "API keys", scope: "admin", query: pageQuerySchema, response: apiKeyResource, list: true },
  {
    method: "post",
    path: "/api-keys",
    summary: "Create an API key (the key is in this response only)",
    tag: "API keys",
    scope: "admin",
    body: createApiKeyInput,
    status: 201,
    response: apiKeyResource.extend({ key: z.string() }),
  },
  { method: "delete", path: "/api-keys/{keyId}", summary: "Revoke an API key", tag: "API keys", scope: "admin", response: apiKeyResource.extend({ deleted: z.literal(true) }) },
  { method: "get", path: "/webhooks", summary: "List webhook endpoints", tag: "Webhooks", scope: "webhooks:read", query: pageQuerySchema.extend({ project_id: z.string().optional() }), response: webhookResource, list: true },
  { method: "post", path: "/webhooks", summary: "Create a webhook endpoint", tag: "Webhooks", scope: "webhooks:write", body: createWebhookInput, status: 201, response: webhookResource },
  { method: "get", path: "/webhooks/{webhookId}", summary: "Get a webhook endpoint", tag: "Webhooks", scope: "webhooks:read", response: webhookResource },
  { method: "patch", path: "/webhooks/{webhookId}", summary: "Update a webhook endpoint", tag: "Webhooks", scope: "webhooks:write", body: updateWebhookInput, response: webhookResource },
  { method: "delete", path: "/webhooks/{webhookId}", summary: "Delete a webhook endpoint", tag: "Webhooks", scope: "webhooks:write", response: deleted },
  { method: "get", path: "/webhooks/{webhookId}/secret", summary: "Reveal the signing secret(s)", tag: "Webhooks", scope: "webhooks:secrets", response: secretResource },
  {
    method: "post",
    path: "/webhooks/{webhookId}/secret/rotate",
    summary: "Rotate the signing secret; the old one keeps signing during the overlap",
    tag: "Webhooks",
    scope: "webhooks:secrets",
    body: rotateSecretInput,
    response: secretResource,
  },
  { method: "post", path: "/webhooks/{webhookId}/test", summary: "Send a webhook.test event now", tag: "Webhooks", scope: "webhooks:write", response: testResult },
  {
    method: "post",
    path: "/webhooks/{webhookId}/recover",
    summary: "Resend every failed delivery since a time",
    tag: "Deliveries",
    scope: "deliveries:write",
    body: recoverInput,
    status: 202,
    response: z.object({ resent: z.number().int() }),
  },
  { method: "get", path: "/webhooks/{webhookId}/deliveries", summary: "List an endpoint's deliveries", tag: "Deliveries", scope: "webhooks:read", query: deliveryListQuery, response: deliveryResource, list: true },
  { method: "get", path: "/deliveries", summary: "List deliveries", tag: "Deliveries", scope: "webhooks:read", query: deliveryListQuery, response: deliveryResource, list: true },
  { method: "get", path: "/deliveries/{deliveryId}", summary: "Get a delivery with every attempt", tag: "Deliveries", scope: "webhooks:read", response: deliveryDetailResource },
  {
    method: "post",
    path: "/deliveries/{deliveryId}/resend",
    summary: "Attempt a delivery again now (same webhook-id)",
    tag: "Deliveries",
    scope: "deliveries:write",
    status: 202,
    response: z.object({ delivery_id: z.string(), status: z.enum(["pending", "succeeded", "failed"]), attempt: z.number().int(), response_status: z.number().int().nullable() }),
  },
  { method: "get", path: "/events", summary: "List events", tag: "Events", scope: "webhooks:read", query: eventListQuery, response: eventResource, list: true },
  { method: "get", path: "/events/{eventId}", summary: "Get an event", tag: "Events", scope: "webhooks:read", response: eventResource },
  {
    method: "post",
    path: "/events/{eventId}/replay",
    summary: "Send an event (again) to an endpoint",
    tag: "Events",
    scope: "deliveries:write",
    body: replayInput,
    status: 202,
    response: z.object({ delivery_id: z.string(), status: z.string() }),
  },
  {
    method: "get",
    path: "/event-types",
    summary: "The event catalog, with examples and JSON schemas",
    tag: "Events",
    scope: "webhooks:read",
    response: z.object({ type: z.enum(EVENT_TYPES), group: z.string(), description: z.string(), example: z.unknown(), schema: z.unknown() }),
    list: true,
  },
];

const problem = {
  description: "An RFC 9457 problem",
  content: {
    "application/problem+json": {
      schema: {
        type: "object",
        properties: {
          type: { type: "string" },
          title: { type: "string" },
          status: { type: "integer" },
          code: { type: "string" },
          detail: { type: "string" },
          instance: { type: "string" },
          errors: {
            type: "array",
            items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" }, code: { type: "string" } } },
          },
        },
        required: ["type", "title", "status", "detail"],
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { io, unrepresentable: "any" });
}

function operation(op: Operation) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  const queryParams = op.query
    ? Object.entries(op.query.shape).map(([name, schema]) => ({
        name,
        in: "query",
        required: false,
        schema: jsonSchema(schema as z.ZodType, "input"),
      }))
    : [];
  const response = op.response ? jsonSchema(op.response, "output") : undefined;
  const body = response && op.list ? { type: "object", properties: { data: { type: "array", items: response }, next_cursor: { type: ["string", "null"] } }, required: ["data", "next_cursor"] } : response;
  return {
    summary: op.summary,
    tags: [op.tag],
    description: op.scope
      ? `Requires an API key with the \`${op.scope}\` scope (or \`admin\`).`
      : "Authenticated with the project's trigger secret: `X-Webhook-Secret`, or `X-Signature: sha256=<hex HMAC-SHA256(secret, \"{timestamp}.{body}\")>` with `X-Timestamp`. At most 10 per minute per project (429 with Retry-After). Idempotency-Key supported.",
    ...(op.scope ? {} : { security: [] }),
    parameters: [...pathParams, ...queryParams],
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body, "input") } } } } : {}),
    responses: {
      [String(op.status ?? 200)]: { description: "Success", content: { "application/json": { schema: body ?? {} } } },
      "401": problem,
      "403": problem,
      "404": problem,
      "422": problem,
    },
  };
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    (paths[op.path] ??= {})[op.method] = operation(op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Control Center API",
      version: "1.0.0",
      description: `Webhooks, deliveries, events, projects and API keys. Authenticate with \`Authorization: Bearer cc_live_…\`. Scopes: ${API_KEY_SCOPES.join(", ")}. Lists are cursor-paginated (\`limit\`, \`cursor\` → \`next_cursor\`). Errors are RFC 9457 problem+json.`,
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API key: cc_live_…" } } },
    paths,
  };
}
