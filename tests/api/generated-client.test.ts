// A client generated from the OpenAPI document works against the running API: the document
// is fetched from /api/v1/openapi.json over HTTP, openapi-typescript turns it into types, a
// small client module written against those types (openapi-fetch) is type-checked and then
// run against the server. The generated files live in a scratch folder under
// node_modules/.cache (found by module resolution, out of git) and are removed afterwards.
// Only that written module imports openapi-fetch, which knip cannot see: knip.json lists it
// under ignoreDependencies.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "@/lib/db";
import { startApiServer } from "../helpers/api-server";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import type { Problem } from "../helpers/http";
import { startReceiver, type Receiver } from "../helpers/receiver";

// Written against the generated `paths`. The @ts-expect-error lines are calls the types must
// refuse: were the generated types too loose (any, unknown paths), the directive itself
// would be reported as unused and the type check below would fail.
const CLIENT_SOURCE = `import createClient from "openapi-fetch";
import type { paths } from "./openapi";

export type ApiClient = ReturnType<typeof apiClient>;

export function apiClient(baseUrl: string, key: string) {
  return createClient<paths>({ baseUrl, headers: { authorization: \`Bearer \${key}\` } });
}

export const createWebhook = (client: ApiClient, url: string) =>
  client.POST("/webhooks", { body: { name: "Generated client", url, events: ["build.succeeded"] } });

export const listWebhooks = (client: ApiClient) => client.GET("/webhooks", { params: { query: { limit: 10 } } });

export const getWebhook = (client: ApiClient, webhookId: string) => client.GET("/webhooks/{webhookId}", { params: { path: { webhookId } } });

// Well typed, refused by the server: not a URL.
export const createWebhookWithBadUrl = (client: ApiClient) => client.POST("/webhooks", { body: { name: "Bad", url: "not a url" } });

export function refusedByTheTypes(client: ApiClient) {
  // @ts-expect-error url is required
  void client.POST("/webhooks", { body: { name: "No URL" } });
  // @ts-expect-error no such path
  void client.GET("/webhookz");
  // @ts-expect-error the path parameter is webhookId
  void client.GET("/webhooks/{webhookId}", { params: { path: { id: "ep_1" } } });
}
`;

type Webhook = { id: string; name: string; url: string; events: string[]; active: boolean };
type Answer<T> = { data?: T; error?: Problem; response: Response };
type ClientModule = {
  apiClient(baseUrl: string, key: string): unknown;
  createWebhook(client: unknown, url: string): Promise<Answer<Webhook>>;
  listWebhooks(client: unknown): Promise<Answer<{ data: Webhook[]; next_cursor: string | null }>>;
  getWebhook(client: unknown, id: string): Promise<Answer<Webhook>>;
  createWebhookWithBadUrl(client: unknown): Promise<Answer<Webhook>>;
};

let opened: OpenedDatabase;
let api: Awaited<ReturnType<typeof startApiServer>>;
let receiver: Receiver;
let key: string;
let otherOrgKey: string;
let scratch: string;
let generated: ClientModule;

function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
  api = await startApiServer();
  const { org } = await createOrgWithUser(opened.db, "owner");
  key = await createKey(opened.db, org.id, ["webhooks:read", "webhooks:write"]);
  otherOrgKey = await createKey(opened.db, (await createOrgWithUser(opened.db, "owner")).org.id, ["admin"]);

  const served = await fetch(`${api.baseUrl}/openapi.json`);
  expect(served.status).toBe(200);
  const document = (await served.json()) as OpenAPI3;
  const cache = join(__dirname, "..", "..", "node_modules", ".cache", "generated-client");
  mkdirSync(cache, { recursive: true });
  scratch = mkdtempSync(join(cache, "run-"));
  writeFileSync(join(scratch, "openapi.ts"), astToString(await openapiTS(document)));
  writeFileSync(join(scratch, "client.ts"), CLIENT_SOURCE);
  generated = (await import(/* @vite-ignore */ join(scratch, "client.ts"))) as ClientModule;
});

afterAll(async () => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  await api?.close();
  await receiver?.close();
  await opened?.close();
});

describe("a client generated from the OpenAPI document", () => {
  it("type-checks, and its types refuse a body without url, an unknown path and a misnamed path parameter", () => {
    expect(typeErrors(join(scratch, "client.ts"))).toEqual([]);
  });

  it("creates, lists and gets a webhook endpoint on the running API", async () => {
    const client = generated.apiClient(api.baseUrl, key);

    const created = await generated.createWebhook(client, `${receiver.url}/hook`);
    expect(created.response.status).toBe(201);
    expect(created.data).toMatchObject({ name: "Generated client", url: `${receiver.url}/hook`, events: ["build.succeeded"], active: true });
    const id = created.data!.id;
    expect(id).toMatch(/^ep_/);

    const listed = await generated.listWebhooks(client);
    expect(listed.response.status).toBe(200);
    expect(listed.data?.data.map((w) => w.id)).toContain(id);

    const fetched = await generated.getWebhook(client, id);
    expect(fetched.response.status).toBe(200);
    expect(fetched.data).toMatchObject(created.data!);

    // Another organization's key does not see it.
    const foreign = await generated.getWebhook(generated.apiClient(api.baseUrl, otherOrgKey), id);
    expect(foreign.response.status).toBe(404);
    expect(foreign.error).toMatchObject({ status: 404 });
  });

  it("gets a 422 problem naming the field for a body the server refuses", async () => {
    const refused = await generated.createWebhookWithBadUrl(generated.apiClient(api.baseUrl, key));
    expect(refused.response.status).toBe(422);
    expect(refused.response.headers.get("content-type")).toBe("application/problem+json");
    expect(refused.data).toBeUndefined();
    expect(refused.error).toMatchObject({ status: 422, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    expect(refused.error?.errors?.map((e) => e.field)).toContain("url");
  });
});
