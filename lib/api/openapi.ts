// The OpenAPI 3.1 document of /api/v1, generated from the route descriptions in ./routes:
// the same zod schemas the guard parses with and the handlers' bodies are typed by.
import { z } from "zod";
import { API_KEY_SCOPES, scopeOf } from "@/lib/auth";
import type { RouteSpec } from "./route";
import { ROUTES } from "./routes";

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

const TRIGGER_AUTH =
  'Authenticated with the project\'s trigger secret: `X-Webhook-Secret`, or `X-Signature: sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>` with `X-Timestamp`. At most 10 per minute per project (429 with Retry-After). Idempotency-Key supported.';

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  return z.toJSONSchema(schema, { io, unrepresentable: "any" });
}

function authDescription(route: RouteSpec): string {
  if (!("apiKey" in route.auth)) return TRIGGER_AUTH;
  const scope = scopeOf(route.auth.apiKey);
  return scope ? `Requires an API key with the \`${scope}\` scope (or \`admin\`).` : "Not available to API keys.";
}

function operation(route: RouteSpec) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  const queryParams = route.query
    ? Object.entries(route.query.shape).map(([name, schema]) => ({
        name,
        in: "query",
        required: false,
        schema: jsonSchema(schema as z.ZodType, "input"),
      }))
    : [];
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    description: authDescription(route),
    ...("apiKey" in route.auth ? {} : { security: [] }),
    parameters: [...pathParams, ...queryParams],
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input"), example: route.example } } } } : {}),
    responses: {
      [String(route.status ?? 200)]: { description: "Success", content: { "application/json": { schema: jsonSchema(route.response, "output") } } },
      ...(route.redirect ? { "302": { description: route.redirect, headers: { Location: { required: true, schema: { type: "string", format: "uri" } } } } } : {}),
      "401": problem,
      "403": problem,
      "404": problem,
      "422": problem,
    },
  };
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
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
