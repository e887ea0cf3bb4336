// The build, deployment and domain routes of /api/v1, with events followed to a real receiver.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as buildItem from "@/app/api/v1/builds/[buildId]/route";
import * as cancelRoute from "@/app/api/v1/builds/[buildId]/cancel/route";
import * as deployRoute from "@/app/api/v1/builds/[buildId]/deploy/route";
import * as statusRoute from "@/app/api/v1/builds/[buildId]/status/route";
import * as deploymentStatus from "@/app/api/v1/deployments/[deploymentId]/status/route";
import * as projectBuilds from "@/app/api/v1/projects/[projectId]/builds/route";
import * as domainsRoute from "@/app/api/v1/projects/[projectId]/domains/route";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { startReceiver, type Receiver } from "../helpers/receiver";
import { createOrgWithEndpoint, createProjectFixture, deliveredEvents, parsesWithCatalog } from "./fixtures";

type Build = { id: string; number: number; status: string; duration_seconds: number | null; artifacts: unknown[]; timeline?: { status: string }[] } & Record<string, unknown>;

let opened: OpenedDatabase;
let receiver: Receiver;
let orgId: string;
let projectId: string;
let key: string;
let readOnly: string;
let otherKey: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
  orgId = (await createOrgWithEndpoint(opened.db, receiver)).org.id;
  projectId = (await createProjectFixture(opened.db, orgId)).id;
  key = await createKey(opened.db, orgId, ["builds:read", "builds:write", "projects:read", "projects:write"]);
  readOnly = await createKey(opened.db, orgId, ["builds:read"]);
  otherKey = await createKey(opened.db, (await createOrgWithEndpoint(opened.db, receiver)).org.id, ["admin"]);
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});

type Handler = (req: Request, ctx: never) => Promise<Response>;
const post = (handler: Handler, params: object, body: unknown = {}, k = key) => callRoute(handler as never, { method: "POST", url: "/api/v1/x", key: k, params, body });
const get = (handler: Handler, params: object, url = "/api/v1/x", k = key) => callRoute(handler as never, { url, key: k, params });
const queue = async (body: object = {}) => expectJson<Build>(await post(projectBuilds.POST, { projectId }, body), 201);
const report = (buildId: string, body: object, k = key) => post(statusRoute.POST, { buildId }, body, k);
const artifact = { platform: "macos", format: "vst3", file_name: "MyPlugin.vst3", file_size: 5242880, download_url: "https://downloads.example.com/p/1/MyPlugin.vst3" };

describe("queuing and listing builds", () => {
  it("queues a build from the API with the project's defaults and lists it, newest first with a cursor", async () => {
    const first = await queue({ branch: "api-a" });
    expect(first).toMatchObject({ source: "api", status: "queued", branch: "api-a", ref: "refs/heads/api-a", platforms: ["macos", "windows"], formats: ["vst3", "au"], release_type: "dev", flags: {} });
    const second = await queue({ ref: "refs/heads/api-b", commit_sha: "abc1234", platforms: ["linux"], formats: [], release_type: "patch", flags: { beta: true } });
    expect(second).toMatchObject({ number: first.number + 1, branch: "api-b", commit_sha: "abc1234", platforms: ["linux"], release_type: "patch", flags: { beta: true } });

    const page1 = await expectJson<{ data: Build[]; next_cursor: string }>(await get(projectBuilds.GET, { projectId }, "/api/v1/x?limit=1", readOnly), 200);
    expect(page1.data.map((b) => b.id)).toEqual([second.id]);
    const page2 = await expectJson<{ data: Build[] }>(await get(projectBuilds.GET, { projectId }, `/api/v1/x?limit=1&cursor=${page1.next_cursor}`, readOnly), 200);
    expect(page2.data.map((b) => b.id)).toEqual([first.id]);
  });

  it("validates the queue body and needs builds:write", async () => {
    const bad = await expectProblem(await post(projectBuilds.POST, { projectId }, { release_type: "beta", platforms: ["Mac OS"] }), 422);
    expect(bad.errors?.map((e) => e.field).sort()).toEqual(["platforms.0", "release_type"]);
    await expectProblem(await post(projectBuilds.POST, { projectId }, {}, readOnly), 403);
  });
});

describe("runner status reports", () => {
  it("moves a build queued → started → succeeded with artifacts and publishes build.started and build.succeeded", async () => {
    const build = await queue({ branch: "happy" });
    const started = await expectJson<Build>(await report(build.id, { status: "started" }), 200);
    expect(started).toMatchObject({ status: "started", duration_seconds: null });
    expect(started.started_at).toEqual(expect.any(String));
    const done = await expectJson<Build>(await report(build.id, { status: "succeeded", artifacts: [artifact, { ...artifact, platform: "windows" }] }), 200);
    expect(done).toMatchObject({ status: "succeeded", duration_seconds: expect.any(Number) });
    expect(done.artifacts).toEqual([artifact, { ...artifact, platform: "windows" }]);
    expect(done.timeline!.map((t) => t.status)).toEqual(["queued", "started", "succeeded"]);

    const events = (await deliveredEvents(opened.db, receiver, orgId)).filter((e) => e.data.build?.id === build.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["build.queued", "build.started", "build.succeeded"]));
    expect(events.every(parsesWithCatalog)).toBe(true);
    const succeeded = events.find((e) => e.type === "build.succeeded")!;
    expect(succeeded.data.build).toMatchObject({ id: build.id, number: build.number, status: "succeeded", duration_seconds: expect.any(Number), artifacts: [artifact, { ...artifact, platform: "windows" }] });
    expect(succeeded.data.project).toMatchObject({ id: projectId });
    expect(await expectJson<Build>(await get(buildItem.GET, { buildId: build.id }, "/api/v1/x", readOnly), 200)).toMatchObject({ status: "succeeded" });
  });

  it("requires error_message for a failed build (422 naming the field) and publishes the failure details", async () => {
    const build = await queue({ branch: "fails" });
    await expectJson(await report(build.id, { status: "started" }), 200);
    const missing = await expectProblem(await report(build.id, { status: "failed" }), 422);
    expect(missing.errors?.[0]).toMatchObject({ field: "error_message" });

    const logs = "x".repeat(70 * 1024) + "\nCMake Error at CMakeLists.txt:15";
    const failed = await expectJson<Build>(await report(build.id, { status: "failed", error_message: "CMake configuration failed", error_logs: logs, failed_at_step: "configure" }), 200);
    expect(failed).toMatchObject({ status: "failed", error_message: "CMake configuration failed", failed_at_step: "configure", error_logs: logs });
    const event = (await deliveredEvents(opened.db, receiver, orgId)).find((e) => e.type === "build.failed" && e.data.build?.id === build.id)!;
    expect(parsesWithCatalog(event)).toBe(true);
    expect(event.data.build).toMatchObject({ error_message: "CMake configuration failed", failed_at_step: "configure" });
    const sent = event.data.build!.error_logs as string;
    expect(sent.length).toBeLessThan(66 * 1024);
    expect(sent).toMatch(/^\[… \d+ bytes truncated\]/);
    expect(sent.endsWith("CMake Error at CMakeLists.txt:15")).toBe(true);
  });

  it("refuses an invalid transition with a 409 problem", async () => {
    const build = await queue({ branch: "invalid" });
    const problem = await expectProblem(await report(build.id, { status: "succeeded" }), 409);
    expect(problem.detail).toContain(`Build #${build.number} is queued; it cannot become succeeded.`);
    await expectProblem(await report(build.id, { status: "started" }, readOnly), 403);
  });
});

describe("cancel", () => {
  it("cancels a queued or started build with build.cancelled, and refuses a finished one", async () => {
    const queued = await queue({ branch: "cancel-a" });
    const running = await queue({ branch: "cancel-b" });
    await expectJson(await report(running.id, { status: "started" }), 200);
    for (const b of [queued, running]) {
      expect(await expectJson<Build>(await post(cancelRoute.POST, { buildId: b.id }), 200)).toMatchObject({ status: "cancelled" });
    }
    const again = await expectProblem(await post(cancelRoute.POST, { buildId: queued.id }), 409);
    expect(again.detail).toContain("is cancelled; it cannot become cancelled");
    const events = (await deliveredEvents(opened.db, receiver, orgId)).filter((e) => e.type === "build.cancelled");
    expect(events.map((e) => e.data.build!.id)).toEqual(expect.arrayContaining([queued.id, running.id]));
    expect(events.every(parsesWithCatalog)).toBe(true);
  });
});

describe("deployments and domains", () => {
  it("deploys only succeeded builds (409 otherwise) and publishes deployment events", async () => {
    const build = await queue({ branch: "deploy" });
    const refused = await expectProblem(await post(deployRoute.POST, { buildId: build.id }, { environment: "production" }), 409);
    expect(refused.detail).toContain("only succeeded builds can be deployed");
    await expectProblem(await post(deployRoute.POST, { buildId: build.id }, { environment: "staging" }), 422);

    await expectJson(await report(build.id, { status: "started" }), 200);
    await expectJson(await report(build.id, { status: "succeeded", artifacts: [artifact] }), 200);
    const deployment = await expectJson<{ id: string; status: string; environment: string; build_id: string; url: string }>(
      await post(deployRoute.POST, { buildId: build.id }, { environment: "production" }),
      201,
    );
    expect(deployment).toMatchObject({ status: "created", environment: "production", build_id: build.id, url: expect.stringMatching(/^https:\/\//) });
    await expectJson(await post(deploymentStatus.POST, { deploymentId: deployment.id }, { status: "succeeded" }), 200);
    await expectProblem(await post(deploymentStatus.POST, { deploymentId: deployment.id }, { status: "failed" }), 409);

    const detail = await expectJson<{ deployments: { id: string; status: string }[] }>(await get(buildItem.GET, { buildId: build.id }), 200);
    expect(detail.deployments).toEqual([expect.objectContaining({ id: deployment.id, status: "succeeded" })]);
    const events = (await deliveredEvents(opened.db, receiver, orgId)).filter((e) => e.type.startsWith("deployment."));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["deployment.created", "deployment.succeeded"]));
    expect(events.every(parsesWithCatalog)).toBe(true);
  });

  it("ends a deployment as failed or canceled with its event", async () => {
    const build = await queue({ branch: "deploy-2" });
    await expectJson(await report(build.id, { status: "started" }), 200);
    await expectJson(await report(build.id, { status: "succeeded" }), 200);
    const a = await expectJson<{ id: string }>(await post(deployRoute.POST, { buildId: build.id }, { environment: "preview" }), 201);
    const b = await expectJson<{ id: string }>(await post(deployRoute.POST, { buildId: build.id }, { environment: "preview" }), 201);
    const failed = await post(deploymentStatus.POST, { deploymentId: a.id }, { status: "failed", error_message: "Health check timed out" });
    expect(await expectJson(failed, 200)).toMatchObject({ status: "failed", error_message: "Health check timed out" });
    expect(await expectJson(await post(deploymentStatus.POST, { deploymentId: b.id }, { status: "canceled" }), 200)).toMatchObject({ status: "canceled" });
    const events = (await deliveredEvents(opened.db, receiver, orgId)).filter((e) => e.type === "deployment.failed" || e.type === "deployment.canceled");
    expect(events.map((e) => e.type).sort()).toEqual(["deployment.canceled", "deployment.failed"]);
    expect(events.every(parsesWithCatalog)).toBe(true);
  });

  it("adds a domain (201, domain.added), refusing duplicates (409) and invalid hostnames (422)", async () => {
    const domain = await expectJson<{ id: string; hostname: string; project_id: string }>(await post(domainsRoute.POST, { projectId }, { hostname: "MyPlugin.example.com" }), 201);
    expect(domain).toMatchObject({ hostname: "myplugin.example.com", project_id: projectId });
    await expectProblem(await post(domainsRoute.POST, { projectId }, { hostname: "myplugin.example.com" }), 409);
    expect((await expectProblem(await post(domainsRoute.POST, { projectId }, { hostname: "not a host" }), 422)).errors?.[0]).toMatchObject({ field: "hostname" });
    const list = await expectJson<{ data: { hostname: string }[] }>(await get(domainsRoute.GET, { projectId }), 200);
    expect(list.data.map((d) => d.hostname)).toEqual(["myplugin.example.com"]);
    const event = (await deliveredEvents(opened.db, receiver, orgId)).find((e) => e.type === "domain.added")!;
    expect(parsesWithCatalog(event)).toBe(true);
    expect(event.data).toMatchObject({ domain: { id: domain.id, hostname: "myplugin.example.com", project_id: projectId } });
  });
});

describe("other organizations", () => {
  it("answers 404 on every route for another organization's project or build", async () => {
    const build = await queue({ branch: "isolated" });
    const responses = [
      await get(projectBuilds.GET, { projectId }, "/api/v1/x", otherKey),
      await post(projectBuilds.POST, { projectId }, {}, otherKey),
      await get(buildItem.GET, { buildId: build.id }, "/api/v1/x", otherKey),
      await post(statusRoute.POST, { buildId: build.id }, { status: "started" }, otherKey),
      await post(cancelRoute.POST, { buildId: build.id }, {}, otherKey),
      await post(deployRoute.POST, { buildId: build.id }, { environment: "preview" }, otherKey),
      await post(domainsRoute.POST, { projectId }, { hostname: "other.example.com" }, otherKey),
      await get(domainsRoute.GET, { projectId }, "/api/v1/x", otherKey),
    ];
    for (const res of responses) await expectProblem(res, 404);
    expect((await opened.db.build.findUniqueOrThrow({ where: { id: build.id } })).status).toBe("queued");
  });
});
