// A build's artifacts through /api/v1: the list, and the download route a CI calls
// (`…/download/all`, `…/download/macos`): a redirect when one artifact matches, the list when
// several do, 404 with the reason otherwise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as artifactsRoute from "@/app/api/v1/builds/[buildId]/artifacts/route";
import * as downloadRoute from "@/app/api/v1/builds/[buildId]/download/[target]/route";
import * as statusRoute from "@/app/api/v1/builds/[buildId]/status/route";
import * as projectBuilds from "@/app/api/v1/projects/[projectId]/builds/route";
import { openApiDocument } from "@/lib/api/openapi";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { createProjectFixture } from "./fixtures";

type Artifact = { platform: string; format: string; file_name: string; file_size: number; download_url: string };

let opened: OpenedDatabase;
let projectId: string;
let writer: string;
let reader: string;
let otherKey: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  const { org } = await createOrgWithUser(opened.db);
  projectId = (await createProjectFixture(opened.db, org.id)).id;
  writer = await createKey(opened.db, org.id, ["builds:write"]);
  reader = await createKey(opened.db, org.id, ["builds:read"]);
  otherKey = await createKey(opened.db, (await createOrgWithUser(opened.db)).org.id, ["admin"]);
});
afterAll(async () => {
  await opened?.close();
});

const artifact = (platform: string, format: string, file_name: string): Artifact => ({
  platform,
  format,
  file_name,
  file_size: 5242880,
  download_url: `https://downloads.example.com/myplugin/${platform}/${encodeURIComponent(file_name)}`,
});
const macVst3 = artifact("macos", "vst3", "MyPlugin.vst3");
const macAu = artifact("macos", "au", "MyPlugin.component");
const winVst3 = artifact("windows", "vst3", "MyPlugin.vst3");

type Handler = (req: Request, ctx: never) => Promise<Response>;
const post = (handler: Handler, params: object, body: unknown) => callRoute(handler as never, { method: "POST", url: "/api/v1/x", key: writer, params, body });
/** `key: null` sends no Authorization header. */
const get = (handler: Handler, params: object, key: string | null = reader) => callRoute(handler as never, { url: "/api/v1/x", key: key ?? undefined, params });
const download = (buildId: string, target: string, key: string | null = reader) => get(downloadRoute.GET, { buildId, target }, key);

/** A build that reached `status` (succeeded with `artifacts`). */
async function buildWith(status: "queued" | "started" | "succeeded" | "failed", artifacts: Artifact[] = []) {
  const build = await expectJson<{ id: string; number: number }>(await post(projectBuilds.POST, { projectId }, { branch: `b-${Math.random().toString(36).slice(2)}` }), 201);
  if (status === "queued") return build;
  await expectJson(await post(statusRoute.POST, { buildId: build.id }, { status: "started" }), 200);
  if (status === "succeeded") await expectJson(await post(statusRoute.POST, { buildId: build.id }, { status, artifacts }), 200);
  if (status === "failed") await expectJson(await post(statusRoute.POST, { buildId: build.id }, { status, error_message: "Linker error" }), 200);
  return build;
}

describe("GET /builds/{id}/artifacts", () => {
  it("lists the artifacts by platform and format, and an empty list for a build without any", async () => {
    const build = await buildWith("succeeded", [winVst3, macVst3, macAu]);
    expect(await expectJson(await get(artifactsRoute.GET, { buildId: build.id }), 200)).toEqual({ data: [macAu, macVst3, winVst3], next_cursor: null });
    const queued = await buildWith("queued");
    expect(await expectJson(await get(artifactsRoute.GET, { buildId: queued.id }), 200)).toEqual({ data: [], next_cursor: null });
  });

  it("answers 404 to another organization and 401 without a key", async () => {
    const build = await buildWith("succeeded", [macVst3]);
    await expectProblem(await get(artifactsRoute.GET, { buildId: build.id }, otherKey), 404);
    await expectProblem(await get(artifactsRoute.GET, { buildId: build.id }, null), 401);
  });
});

describe("GET /builds/{id}/download/{platform|all}", () => {
  it("redirects to the artifact when exactly one matches the platform, or `all` when the build has one", async () => {
    const build = await buildWith("succeeded", [macVst3, macAu, winVst3]);
    const windows = await download(build.id, "windows");
    expect(windows.status).toBe(302);
    expect(windows.headers.get("location")).toBe(winVst3.download_url);
    expect(await windows.text()).toBe("");

    const single = await buildWith("succeeded", [macVst3]);
    const all = await download(single.id, "all");
    expect(all.status).toBe(302);
    expect(all.headers.get("location")).toBe(macVst3.download_url);
  });

  it("answers the list for `all` with several artifacts, and for a platform with several formats", async () => {
    const build = await buildWith("succeeded", [macVst3, macAu, winVst3]);
    expect(await expectJson(await download(build.id, "all"), 200)).toEqual({ build_id: build.id, artifacts: [macAu, macVst3, winVst3] });
    expect(await expectJson(await download(build.id, "macos"), 200)).toEqual({ build_id: build.id, artifacts: [macAu, macVst3] });
  });

  it("answers 404 saying why when nothing matches or the build has not succeeded", async () => {
    const build = await buildWith("succeeded", [macVst3, winVst3]);
    expect((await expectProblem(await download(build.id, "linux"), 404)).detail).toBe(`Build #${build.number} has no artifact for linux; it has artifacts for macos, windows.`);
    expect((await expectProblem(await download(build.id, "Mac OS"), 404)).detail).toBe('Use a platform (macos, windows) or "all".');

    const empty = await buildWith("succeeded");
    expect((await expectProblem(await download(empty.id, "all"), 404)).detail).toBe(`Build #${empty.number} has no artifacts; the runner reported none.`);
    for (const status of ["queued", "started", "failed"] as const) {
      const unfinished = await buildWith(status);
      const problem = await expectProblem(await download(unfinished.id, "all"), 404);
      expect(problem.detail).toBe(`Build #${unfinished.number} is ${status}; its artifacts can be downloaded once it has succeeded.`);
    }
  });

  it("needs builds:read, and another organization's build is 404", async () => {
    const build = await buildWith("succeeded", [macVst3]);
    await expectProblem(await download(build.id, "macos", otherKey), 404);
    await expectProblem(await download("bld_01JH6ZG7H8J9K0MNPQRSTVWXYZ", "all"), 404);
    await expectProblem(await download(build.id, "macos", null), 401);
    const unrelated = await createKey(opened.db, (await opened.db.build.findUniqueOrThrow({ where: { id: build.id } })).organizationId, ["webhooks:read"]);
    await expectProblem(await download(build.id, "macos", unrelated), 403);
    expect((await download(build.id, "macos", writer)).status).toBe(403);
  });

  it("is documented with its 302 and its list answer", () => {
    const doc = openApiDocument("https://cc.example.com");
    const op = doc.paths["/builds/{buildId}/download/{target}"].get as { responses: Record<string, { description: string; headers?: Record<string, unknown> }> };
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "302", "404"]));
    expect(op.responses["302"].headers).toHaveProperty("Location");
    expect(doc.paths["/builds/{buildId}/artifacts"]).toHaveProperty("get");
  });
});
