// Hostile input, refused as a class at the boundary: text no field may hold, bodies over the
// cap (declared or streamed), bytes that are not UTF-8, absurd nesting, hostile path ids.
// Each answer is a 4xx problem+json, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as github from "@/app/api/integrations/github/[projectId]/route";
import * as trigger from "@/app/api/v1/projects/[projectId]/trigger/route";
import * as projects from "@/app/api/v1/projects/route";
import * as project from "@/app/api/v1/projects/[projectId]/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";

let opened: OpenedDatabase;
let key: string;
let projectId: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  const { org } = await createOrgWithUser(opened.db, "owner");
  key = await createKey(opened.db, org.id, ["projects:read", "projects:write", "webhooks:read", "webhooks:write"]);
  projectId = (await expectJson<{ id: string }>(await callRoute(projects.POST, { url: "/api/v1/projects", key, body: { name: "Target" } }), 201)).id;
});

afterAll(async () => {
  await opened?.close();
});

const MiB = 1024 * 1024;

/** A request body streamed in 64 KiB chunks with no Content-Length; counts how many bytes were pulled. */
function chunkedBody(totalBytes: number) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= totalBytes) return controller.close();
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

function post(handler: typeof projects.POST, url: string, init: RequestInit & { duplex?: "half" }, params: Record<string, string> = {}) {
  return handler(new Request(new URL(url, "http://localhost:3000"), { method: "POST", ...init }), { params: Promise.resolve(params as never) });
}

describe("text no field may hold", () => {
  it.each([
    ["a NUL character", "Mix\u0000Bus", "NUL"],
    ["a lone high surrogate", "Mix\ud800Bus", "surrogate"],
    ["a lone low surrogate", "\udc00Bus", "surrogate"],
  ])("refuses %s in a project name with a field error", async (_what, name, word) => {
    const problem = await expectProblem(await callRoute(projects.POST, { url: "/api/v1/projects", key, body: { name } }), 422);
    expect(problem.errors).toEqual([expect.objectContaining({ field: "name", code: "invalid_text", message: expect.stringContaining(word) })]);
  });

  it("refuses it anywhere in a body: nested values and object keys, each with its path", async () => {
    const body = { name: "Hook", url: "https://example.com/h", headers: { "X-Ok": "a\u0000b", "X-\u0000": "v" }, events: ["build.queued\ud800"] };
    const problem = await expectProblem(await callRoute(webhooks.POST, { url: "/api/v1/webhooks", key, body }), 422);
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(["events.0", "headers.(key)", "headers.X-Ok"]);
  });

  it("refuses it in a query string", async () => {
    const problem = await expectProblem(await callRoute(projects.GET, { url: "/api/v1/projects?cursor=%00", key }), 422);
    expect(problem.errors?.[0]).toMatchObject({ field: "cursor", code: "invalid_text" });
  });

  it("answers 404 for a path id no row can have", async () => {
    for (const id of ["proj_\u0000", "\ud800", "x".repeat(5000)]) {
      await expectProblem(await callRoute(project.GET, { url: "/api/v1/projects/x", key, params: { projectId: id } }), 404);
    }
  });

  it("refuses a body nested deeper than any request of this API, without exhausting the stack", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const problem = await expectProblem(await callRoute(projects.POST, { url: "/api/v1/projects", key, body: deep, headers: { "content-type": "application/json" } }), 422);
    expect(problem.errors?.[0]?.code).toBe("too_deep");
  });
});

describe("bodies over the cap", () => {
  it("answers 413 to a declared Content-Length over 1 MiB without reading the body", async () => {
    const { stream, pulled } = chunkedBody(2 * MiB);
    const response = await post(projects.POST, "/api/v1/projects", {
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": String(2 * MiB) },
      body: stream,
      duplex: "half",
    });
    expect((await expectProblem(response, 413)).detail).toContain("1 MiB");
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024);
  });

  it("answers 413 to a chunked upload as soon as it passes 1 MiB, and stops reading it", async () => {
    const { stream, pulled } = chunkedBody(8 * MiB);
    const response = await post(projects.POST, "/api/v1/projects", {
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: stream,
      duplex: "half",
    });
    await expectProblem(response, 413);
    expect(pulled.bytes).toBeGreaterThan(MiB);
    expect(pulled.bytes).toBeLessThan(MiB + 4 * 64 * 1024);
  });

  it("caps the trigger endpoint at 1 MiB and the GitHub receiver at 25 MiB", async () => {
    const big = chunkedBody(2 * MiB);
    await expectProblem(await post(trigger.POST as never, `/api/v1/projects/${projectId}/trigger`, { body: big.stream, duplex: "half" }, { projectId }), 413);

    // 2 MiB is fine for GitHub: it is read and then refused for its missing signature.
    const allowed = chunkedBody(2 * MiB);
    await expectProblem(await post(github.POST as never, `/api/integrations/github/${projectId}`, { body: allowed.stream, duplex: "half" }, { projectId }), 401);
    const huge = chunkedBody(30 * MiB);
    const response = await post(github.POST as never, `/api/integrations/github/${projectId}`, { body: huge.stream, duplex: "half" }, { projectId });
    expect((await expectProblem(response, 413)).detail).toContain("25 MiB");
    expect(huge.pulled.bytes).toBeLessThan(26 * MiB);
  });
});

describe("malformed bodies", () => {
  it("answers 400 to bytes that are not UTF-8", async () => {
    const response = await post(projects.POST, "/api/v1/projects", {
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: new Uint8Array([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    expect((await expectProblem(response, 400)).detail).toContain("UTF-8");
  });

  it.each(['{"name": ', "null", "[]", '"a string"', "1e999", '{"name": {"__proto__": {"admin": true}}}'])("answers 400 or 422 to %s", async (body) => {
    const response = await callRoute(projects.POST, { url: "/api/v1/projects", key, body, headers: { "content-type": "application/json" } });
    expect([400, 422]).toContain(response.status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});
