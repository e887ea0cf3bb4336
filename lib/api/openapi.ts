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
    ...("apiKey" in route.auth ? {} : { security: [{ triggerSecret: [] }] }),
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

// The introduction API reference readers see first (rendered as Markdown at /docs/api).
const API_DESCRIPTION = `Webhook endpoints, deliveries and events, test inboxes, projects, builds and deployments, triggers, API keys, members and the audit log. Guides: [/docs](/docs).

## Authentication
Send an API key as a bearer token: \`Authorization: Bearer cc_live_…\`. Create keys in the dashboard under **API keys**; each holds scopes, and every operation says the scope it needs (\`admin\` allows everything). Scopes: ${API_KEY_SCOPES.map((s) => `\`${s}\``).join(", ")}.

The trigger endpoint (\`POST /projects/{projectId}/trigger\`) is for CI and takes the project's **trigger secret** instead of a key: \`X-Webhook-Secret: <secret>\`, or \`X-Signature: sha256=<hex HMAC-SHA256(secret, "{X-Timestamp}.{body}")>\` with \`X-Timestamp: <unix seconds>\`.

## Conventions
- JSON in and out, snake_case fields.
- Lists are cursor-paginated: send \`limit\` and \`cursor\`, get \`{ data, next_cursor }\`; pass \`next_cursor\` as \`cursor\` until it is null.
- Errors are RFC 9457 \`application/problem+json\` with \`type\`, \`title\`, \`status\`, \`code\` and \`detail\`; a \`422\` lists each invalid field in \`errors\`.
- Rate-limited operations answer \`429\` with \`Retry-After\` (seconds).`;

// What each tag groups, shown above its operations (a tag missing here is listed without a description).
const TAG_DESCRIPTIONS: Record<string, string> = {
  Webhooks: "Endpoints that receive signed events: create and configure them, rotate their signing secret, send a test event, recover failed deliveries. Receiving and verifying: [/docs/webhooks](/docs/webhooks).",
  Deliveries: "Each event sent to each endpoint, with every attempt (request, response, timing); resend one.",
  Inboxes: "Test inboxes: URLs served by this app that record every request sent to them for 7 days (the newest 100), and check each one's signatures against an endpoint's secrets.",
  Events: "The events that happened, the catalog of event types with their JSON Schemas, and replaying an event to an endpoint.",
  Projects: "Projects, their build defaults and custom domains.",
  Builds: "Builds, their status as reported by runners, artifacts and downloads.",
  Deployments: "Deploying succeeded builds and reporting how the deployment ended.",
  Triggers: "Starting builds from CI with the trigger secret, the GitHub trigger rules, and the project secrets. Guide: [/docs/triggers](/docs/triggers).",
  "API keys": "Keys for this API, with their scopes. The secret is shown once, when the key is created.",
  Members: "The organization's members, their roles, and invitations.",
  "Audit log": "Who did what, and when.",
};

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    // package.json is private and names no license, and there is no LICENSE file: "UNLICENSED", as npm spells that.
    info: { title: "Control Center API", version: "1.0.0", description: API_DESCRIPTION, license: { name: "UNLICENSED" } },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }],
    tags: [...new Set(ROUTES.map((route) => route.tag))].map((name) => ({ name, ...(TAG_DESCRIPTIONS[name] ? { description: TAG_DESCRIPTIONS[name] } : {}) })),
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API key: `cc_live_…`, created under API keys in the dashboard." },
        triggerSecret: {
          type: "apiKey",
          in: "header",
          name: "X-Webhook-Secret",
          description: "The project's trigger secret (`trg_…`, on its Triggers tab), for the trigger endpoint only. Or sign the request with `X-Signature` and `X-Timestamp` instead.",
        },
      },
    },
    paths,
  };
}
