// Artifact download URLs (docs/security.md#artifact-urls): a runner's report is refused (422,
// naming the field) unless every download_url is https on a public host without credentials,
// whatever ALLOW_HTTP_ENDPOINTS / ALLOW_PRIVATE_ENDPOINTS say; a URL stored before the rule is
// never redirected to (409); the demo runner's URLs pass.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as artifactsRoute from "@/app/api/v1/builds/[buildId]/artifacts/route";
import * as downloadRoute from "@/app/api/v1/builds/[buildId]/download/[target]/route";
import * as statusRoute from "@/app/api/v1/builds/[buildId]/status/route";
import * as projectBuilds from "@/app/api/v1/projects/[projectId]/builds/route";
import { artifactInput } from "@/lib/builds/schemas";
import { config } from "@/lib/config";
import { newId, type OpenedDatabase } from "@/lib/db";
import { artifactsFor } from "@/lib/demo/runner";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { createProjectFixture } from "./fixtures";

let opened: OpenedDatabase;
let projectId: string;
let writer: string;
let reader: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  const { org } = await createOrgWithUser(opened.db);
  projectId = (await createProjectFixture(opened.db, org.id)).id;
  writer = await createKey(opened.db, org.id, ["builds:write"]);
  reader = await createKey(opened.db, org.id, ["builds:read"]);
});
afterAll(async () => {
  await opened?.close();
});

type Handler = (req: Request, ctx: never) => Promise<Response>;
const post = (handler: Handler, params: object, body: unknown) => callRoute(handler as never, { method: "POST", url: "/api/v1/x", key: writer, params, body });
const get = (handler: Handler, params: object) => callRoute(handler as never, { url: "/api/v1/x", key: reader, params });

const artifact = (platform: string, download_url: string) => ({ platform, format: "vst3", file_name: "MyPlugin.vst3", file_size: 5242880, download_url });
const GOOD = "https://downloads.example.com/myplugin/macos/MyPlugin.vst3";

async function startedBuild() {
  const build = await expectJson<{ id: string; number: number }>(await post(projectBuilds.POST, { projectId }, { branch: `b-${Math.random().toString(36).slice(2)}` }), 201);
  await expectJson(await post(statusRoute.POST, { buildId: build.id }, { status: "started" }), 200);
  return build;
}

describe("reporting artifacts", () => {
  it("runs where plain http and private endpoints are allowed: artifact URLs do not follow those settings", () => {
    expect(config()).toMatchObject({ allowHttpEndpoints: true, allowPrivateEndpoints: true });
  });

  it.each([
    ["http://downloads.example.com/MyPlugin.vst3", "Use an https:// URL"],
    ["https://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local or cloud metadata address in 169.254.0.0/16"],
    ["https://2852039166/latest/meta-data/", "169.254.169.254 is a link-local or cloud metadata address"],
    ["https://[::ffff:169.254.169.254]/", "is a link-local or cloud metadata address in 169.254.0.0/16"],
    ["https://[fd00:ec2::254]/", "is a link-local or cloud metadata address in fd00:ec2::254/128"],
    ["https://127.0.0.1:8443/MyPlugin.vst3", "127.0.0.1 is a private or loopback address in 127.0.0.0/8"],
    ["https://10.0.0.7/MyPlugin.vst3", "10.0.0.7 is a private or loopback address in 10.0.0.0/8"],
    ["https://[::1]/MyPlugin.vst3", "is a private or loopback address in ::1/128"],
    ["https://localhost/MyPlugin.vst3", "localhost is a local name"],
    ["https://artifacts.internal/MyPlugin.vst3", "artifacts.internal is a local name"],
    ["https://nas.local./MyPlugin.vst3", "nas.local. is a local name"],
    ["https://ci:hunter2@downloads.example.com/MyPlugin.vst3", "Remove the credentials from the URL"],
    ["ftp://downloads.example.com/MyPlugin.vst3", "Use an https:// URL"],
    ["downloads.example.com/MyPlugin.vst3", "Not a valid URL"],
  ])("refuses %s with a 422 naming the field", async (url, why) => {
    const build = await startedBuild();
    const refused = await expectProblem(await post(statusRoute.POST, { buildId: build.id }, { status: "succeeded", artifacts: [artifact("macos", GOOD), artifact("windows", url)] }), 422);
    expect(refused.errors).toEqual([expect.objectContaining({ field: "artifacts.1.download_url", message: expect.stringContaining(why) })]);
    // Nothing was stored: the build is still running, without artifacts.
    expect(await opened.db.build.findUniqueOrThrow({ where: { id: build.id }, include: { artifacts: true } })).toMatchObject({ status: "started", artifacts: [] });
  });

  it("accepts https URLs on public hosts, with a port, query and fragment", async () => {
    const build = await startedBuild();
    const urls = [GOOD, "https://downloads.example.com:8443/a.vst3?X-Amz-Signature=abc#x", "https://[2606:4700::1111]/a.vst3", "https://8.8.8.8/a.vst3"];
    const artifacts = urls.map((url, i) => ({ ...artifact(`p${i}`, url) }));
    await expectJson(await post(statusRoute.POST, { buildId: build.id }, { status: "succeeded", artifacts }), 200);
  });
});

describe("downloading an artifact whose stored URL is not allowed", () => {
  it("answers 409 problem+json instead of redirecting to it, and still lists it", async () => {
    const build = await startedBuild();
    await expectJson(await post(statusRoute.POST, { buildId: build.id }, { status: "succeeded", artifacts: [artifact("macos", GOOD)] }), 200);
    // As a runner could store it before the rule existed.
    const stored = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";
    await opened.db.artifact.create({ data: { id: newId("art"), buildId: build.id, platform: "linux", format: "vst3", fileName: "MyPlugin.vst3", fileSize: 1, downloadUrl: stored } });

    const refused = await get(downloadRoute.GET, { buildId: build.id, target: "linux" });
    expect(refused.headers.get("location")).toBeNull();
    const problem = await expectProblem(refused, 409);
    expect(problem).toMatchObject({ code: "conflict" });
    expect(problem.detail).toBe(
      "The stored download URL of MyPlugin.vst3 (linux, vst3) is not allowed, so this server does not redirect to it: Use an https:// URL; artifact downloads are always https.",
    );

    // The allowed one still redirects; the list shows both as they are stored.
    const macos = await get(downloadRoute.GET, { buildId: build.id, target: "macos" });
    expect(macos.status).toBe(302);
    expect(macos.headers.get("location")).toBe(GOOD);
    const listed = await expectJson<{ data: { download_url: string }[] }>(await get(artifactsRoute.GET, { buildId: build.id }), 200);
    expect(listed.data.map((a) => a.download_url)).toEqual([stored, GOOD]);
  });
});

describe("the demo runner", () => {
  it("reports download URLs that pass the rule", async () => {
    const build = await startedBuild();
    const row = await opened.db.build.findUniqueOrThrow({ where: { id: build.id } });
    const artifacts = artifactsFor(row, { name: "My Plugin", slug: "my-plugin" });
    expect(artifacts.length).toBeGreaterThan(0);
    for (const a of artifacts) expect(artifactInput.safeParse(a).error?.issues).toBeUndefined();
  });
});
