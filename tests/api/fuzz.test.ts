// Property-based fuzzing of the public API: fast-check generates requests for every described
// route (hostile path ids, query strings, bodies derived from the route's example with parts
// replaced by arbitrary JSON, hostile text, absurd numbers and nesting; wrong content types;
// good, bad and missing keys) and calls the real route handlers. The property: no answer is a
// 5xx, and every refusal is problem+json. Paths that do not percent-decode never reach a route:
// the edge (proxy.ts) answers them, so they are sent to it.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteSpec } from "@/lib/api/route";
import { ROUTES } from "@/lib/api/routes";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson } from "../helpers/http";
import * as projects from "@/app/api/v1/projects/route";
import * as inboxes from "@/app/api/v1/inboxes/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { proxy } from "@/proxy";

/** Generated requests in one run: at least 10,000 across the routes. */
const RUNS = 10_000;
const apiDir = `${__dirname}/../../app/api/v1`;

let opened: OpenedDatabase;
let key: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  opened = await createTestDatabase();
  const { org } = await createOrgWithUser(opened.db, "owner");
  key = await createKey(opened.db, org.id, ["admin"]);
  ids.webhookId = (await expectJson<{ id: string }>(await callRoute(webhooks.POST, { url: "/api/v1/webhooks", key, body: { name: "Fuzz", url: "http://127.0.0.1:9/hook" } }), 201)).id;
  ids.projectId = (await expectJson<{ id: string }>(await callRoute(projects.POST, { url: "/api/v1/projects", key, body: { name: "Fuzz" } }), 201)).id;
  ids.inboxId = (await expectJson<{ id: string }>(await callRoute(inboxes.POST, { url: "/api/v1/inboxes", key, body: {} }), 201)).id;
}, 60_000);

afterAll(async () => {
  await opened?.close();
});

const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "\udfff", "x".repeat(10_000), "../../etc/passwd", "' OR 1=1 --", "%00", "\u202e", "🚀", "__proto__", "constructor"),
);
const hostileNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, Number.MIN_VALUE));
const leaf = fc.oneof(hostileText, hostileNumber, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 3 }));

/** The route's example with one field (or one element) replaced, removed, or the whole body replaced. */
function bodyFor(route: RouteSpec): fc.Arbitrary<unknown> {
  const example = (route.example ?? {}) as Record<string, unknown>;
  const fields = Object.keys(example);
  return fc.oneof(
    fc.constant(example),
    fields.length ? fc.record({ field: fc.constantFrom(...fields), value: leaf }).map(({ field, value }) => ({ ...example, [field]: value })) : fc.constant(example),
    fields.length ? fc.constantFrom(...fields).map((field) => Object.fromEntries(Object.entries(example).filter(([k]) => k !== field))) : fc.constant({}),
    fc.dictionary(hostileText, leaf, { maxKeys: 5 }).map((extra) => ({ ...example, ...extra })),
    leaf,
    fc.jsonValue(),
  );
}

function requestFor(route: RouteSpec) {
  const paramNames = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
  return fc.record({
    params: fc.tuple(...paramNames.map((name) => fc.oneof(fc.constant(ids[name] ?? "x"), hostileText, fc.constant(`${name.slice(0, 3)}_01JH6ZG7H8J9K0MNPQRSTVWXYZ`)))),
    query: fc.dictionary(fc.oneof(fc.constantFrom("limit", "cursor", "status", "event_type", "since", "until", "project_id", "type", "webhook_id"), hostileText), hostileText, { maxKeys: 4 }),
    body: route.body ? bodyFor(route) : fc.option(leaf, { nil: undefined }),
    contentType: fc.constantFrom("application/json", "application/json", "text/plain", "application/json; charset=utf-16", ""),
    auth: fc.constantFrom("good", "good", "good", "bad", "none"),
  });
}

async function handlerOf(route: RouteSpec) {
  return (await import(/* @vite-ignore */ `${apiDir}${route.path.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`))[route.method];
}

describe("fuzzing the public API", () => {
  it(`answers ${RUNS.toLocaleString("en")} generated requests across every route without a 5xx`, async () => {
    const perRoute = Math.ceil(RUNS / ROUTES.length);
    const failures: string[] = [];
    let requests = 0;
    for (const route of ROUTES) {
      const handler = await handlerOf(route);
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (r) => {
          const params = Object.fromEntries(names.map((name, i) => [name, r.params[i] as string]));
          // The handler reads the params given; the URL only needs to be a valid one.
          const path = route.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(params[name].toWellFormed()));
          const search = new URLSearchParams(Object.entries(r.query)).toString();
          // GET and DELETE requests carry no body (fetch's Request refuses one).
          const body = r.body === undefined || route.method === "GET" || route.method === "DELETE" ? undefined : JSON.stringify(r.body);
          const response = await callRoute(handler, {
            method: route.method,
            url: `/api/v1${path}${search ? `?${search}` : ""}`,
            params,
            key: r.auth === "good" ? key : r.auth === "bad" ? "cc_live_not-a-key" : undefined,
            body,
            headers: r.contentType ? { "content-type": r.contentType } : {},
          });
          requests += 1;
          const problemJson = response.headers.get("content-type") === "application/problem+json";
          if (response.status >= 500 || (response.status >= 400 && !problemJson)) {
            failures.push(`${route.method} ${path}?${search} ${body?.slice(0, 200)} → ${response.status} ${(await response.text()).slice(0, 300)}`);
            return false;
          }
          return true;
        }),
        { numRuns: perRoute, seed: Number(process.env.FUZZ_SEED ?? 20261123), endOnFailure: true },
      ).catch((error: unknown) => {
        if (!failures.length) failures.push(`${route.operationId}: ${error instanceof Error ? error.message.slice(0, 500) : String(error)}`);
      });
    }
    console.log(`[fuzz] ${requests} requests over ${ROUTES.length} routes, ${failures.length} answers ≥ 500 or without problem+json`);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(RUNS);
  }, 600_000);
});

/** Every byte percent-encoded, as a client may send any. */
const escaped = (bytes: Uint8Array) => [...bytes].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe("fuzzing the edge with paths that do not percent-decode", () => {
  it("answers the listed paths with 400 problem+json", async () => {
    for (const path of ["/api/v1/webhooks/ep_%F0%9F", "/api/inbox/%ff", "/invite/%ff", "/orgs/%ff"]) {
      const response = proxy(new NextRequest(`http://localhost:3000${path}`));
      expect(response?.status, path).toBe(400);
      expect(response?.headers.get("content-type"), path).toBe("application/problem+json");
      expect(await response?.json(), path).toMatchObject({ status: 400, code: "bad_request", instance: path });
    }
  });

  it("answers 400 problem+json exactly when the escaped bytes are not UTF-8, under every route's path", async () => {
    const prefixes = [...ROUTES.map((route) => `/api/v1${route.path.replace(/\{\w+\}/g, "x")}/`), "/api/inbox/", "/invite/", "/orgs/", "/sign-in/", "/"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...prefixes), fc.uint8Array({ minLength: 1, maxLength: 12 }), fc.constantFrom("", "%", "%z", "%2"), async (prefix, bytes, tail) => {
        const path = `${prefix}${escaped(bytes)}${tail}`;
        const response = proxy(new NextRequest(`http://localhost:3000${path}`));
        // A cut-short or non-hex escape never decodes; whole escapes decode exactly when the bytes are UTF-8.
        const shouldRefuse = tail !== "" || !isUtf8(bytes);
        const refused = response?.status === 400 && response.headers.get("content-type") === "application/problem+json";
        expect(refused, `${path} → ${response?.status ?? "passed on"}`).toBe(shouldRefuse);
      }),
      { numRuns: 2_000, seed: Number(process.env.FUZZ_SEED ?? 20261123), endOnFailure: true },
    );
  });
});
