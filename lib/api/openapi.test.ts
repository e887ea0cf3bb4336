import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  const doc = openApiDocument("https://cc.example.com");

  it("is OpenAPI 3.1 with bearer auth and the /api/v1 server", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "https://cc.example.com/api/v1" }]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    // package.json names no license: the document says so rather than inventing one.
    expect(doc.info.license).toEqual({ name: "UNLICENSED" });
  });

  it("documents the routes with their request and response schemas", () => {
    const createWebhook = doc.paths["/webhooks"].post as { requestBody: { content: { "application/json": { schema: { properties: Record<string, unknown>; required: string[] } } } } };
    const body = createWebhook.requestBody.content["application/json"].schema;
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(["name", "url", "events", "project_id", "format", "headers", "active", "secret"]));
    expect(body.required).toEqual(["name", "url"]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/webhooks/{webhookId}/secret/rotate", "/deliveries/{deliveryId}/resend", "/events/{eventId}/replay", "/webhooks/{webhookId}/recover"]),
    );
    const list = doc.paths["/webhooks/{webhookId}/deliveries"].get as { parameters: { name: string; in: string }[]; responses: Record<string, { content: { "application/json": { schema: { properties: Record<string, unknown> } } } }> };
    expect(list.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["webhookId", "status", "event_type", "limit", "cursor"]));
    expect(Object.keys(list.responses["200"].content["application/json"].schema.properties)).toEqual(["data", "next_cursor"]);
  });

  it("says how each operation authenticates: API keys by default, the trigger endpoint with the project's trigger secret", () => {
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.triggerSecret).toMatchObject({ type: "apiKey", in: "header", name: "X-Webhook-Secret" });
    const trigger = doc.paths["/projects/{projectId}/trigger"].post as { security?: unknown };
    expect(trigger.security).toEqual([{ triggerSecret: [] }]);
    const createWebhook = doc.paths["/webhooks"].post as { security?: unknown };
    expect(createWebhook.security).toBeUndefined();
    expect(doc.info.description).toContain("Authorization: Bearer cc_live_…");
  });

  it("lists every tag of the route table once, in route order", () => {
    const operationTags = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => (op as { tags: string[] }).tags[0]));
    expect(doc.tags.map((t) => t.name)).toEqual([...new Set(operationTags)]);
    expect(doc.tags.find((t) => t.name === "Webhooks")?.description).toContain("/docs/webhooks");
  });
});
