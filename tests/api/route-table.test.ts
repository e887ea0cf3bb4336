// Every /api/v1 route is described once in lib/api/routes: each description has its route
// file, and each route file is built from a description (so its permission is declared).
import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import type { RouteSpec } from "@/lib/api/route";
import { ROUTES, routes } from "@/lib/api/routes";

const root = join(__dirname, "..", "..");
const apiDir = join(root, "app", "api", "v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
// Not API operations: the catch-all 404 and the document itself.
const NOT_OPERATIONS = ["[...path]", "openapi.json"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return NOT_OPERATIONS.includes(entry.name) && dir === apiDir ? [] : routeFiles(path);
    return entry.name === "route.ts" ? [path] : [];
  });
}

/** "/webhooks/{webhookId}" ⇄ "webhooks/[webhookId]" */
const fileOf = (route: RouteSpec) => join(apiDir, ...route.path.replace(/\{(\w+)\}/g, "[$1]").split("/").filter(Boolean), "route.ts");
const pathOf = (file: string) => "/" + relative(apiDir, file).split(sep).slice(0, -1).join("/").replace(/\[(\w+)\]/g, "{$1}");

type RouteModule = Partial<Record<(typeof METHODS)[number], { spec?: RouteSpec }>>;
const load = (file: string) => import(/* @vite-ignore */ file) as Promise<RouteModule>;

describe("the API route table", () => {
  it("names each operation once, and each method and path once", () => {
    const ids = ROUTES.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  // Generated clients name their methods after operationIds (tests/api/generated-client.test.ts):
  // each is the route's key in the route table, written by hand, never derived from the path.
  it("gives each operation the operationId it is keyed by in the route table, in camelCase", () => {
    for (const [key, route] of Object.entries(routes)) {
      expect(route.operationId, `${route.method} ${route.path}`).toBe(key);
      expect(key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    }
    const doc = openApiDocument("http://localhost");
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods) as [string, { operationId: string }][]) {
        expect(routes[operation.operationId as keyof typeof routes], `${method} ${path}`).toMatchObject({ method: method.toUpperCase(), path });
      }
    }
  });

  it("has a route file serving each described route with its description", async () => {
    for (const route of ROUTES) {
      const handler = (await load(fileOf(route)))[route.method];
      expect(handler?.spec, `${route.method} ${route.path} (${route.operationId})`).toBe(route);
    }
  });

  it("builds every method of every route file from a described route", async () => {
    const files = routeFiles(apiDir);
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const routeModule = await load(file);
      for (const method of METHODS) {
        if (!routeModule[method]) continue;
        const described = ROUTES.find((r) => r.method === method && r.path === pathOf(file));
        expect(routeModule[method]?.spec, `${method} ${pathOf(file)} is served but not described in lib/api/routes`).toBe(described);
        expect(described).toBeDefined();
      }
    }
  });

  it("gives every route with a body a valid example", () => {
    for (const route of ROUTES.filter((r) => r.body)) {
      expect(route.body!.safeParse(route.example).success, `${route.operationId}: ${JSON.stringify(route.example)}`).toBe(true);
    }
  });

  it("documents every described route in the OpenAPI document under its operationId", () => {
    const doc = openApiDocument("http://localhost");
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods) as { operationId: string }[]);
    expect(operations.map((o) => o.operationId).sort()).toEqual(ROUTES.map((r) => r.operationId).sort());
  });
});
