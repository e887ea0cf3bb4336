// Deployments through /api/v1: deploying a succeeded build, deployers reporting the outcome
// (URL, failure message, 409 once ended), the per-project list, and the deployment.* events
// as a real receiver gets them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as buildItem from "@/app/api/v1/builds/[buildId]/route";
import * as deployRoute from "@/app/api/v1/builds/[buildId]/deploy/route";
import * as statusRoute from "@/app/api/v1/builds/[buildId]/status/route";
import * as deploymentItem from "@/app/api/v1/deployments/[deploymentId]/route";
import * as deploymentStatus from "@/app/api/v1/deployments/[deploymentId]/status/route";
import * as projectBuilds from "@/app/api/v1/projects/[projectId]/builds/route";
import * as projectDeployments from "@/app/api/v1/projects/[projectId]/deployments/route";
import type { OpenedDatabase } from "@/lib/db";
import { createKey, createTestDatabase, findKey } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { startReceiver, type Receiver } from "../helpers/receiver";
import { createOrgWithEndpoint, createProjectFixture, deliveredEvents, parsesWithCatalog, type Envelope } from "./fixtures";

type Deployment = {
  id: string;
  project_id: string;
  build_id: string;
  build_number: number;
  branch: string | null;
  commit_sha: string | null;
  commit_message: string | null;
  environment: string;
  status: string;
  url: string | null;
  error_message: string | null;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
};
type Build = { id: string; number: number };

let opened: OpenedDatabase;
let receiver: Receiver;
let orgId: string;
let projectId: string;
let projectSlug: string;
let writer: string;
let reader: string;
let otherKey: string;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
  orgId = (await createOrgWithEndpoint(opened.db, receiver)).org.id;
  const project = await createProjectFixture(opened.db, orgId);
  projectId = project.id;
  projectSlug = project.slug;
  writer = await createKey(opened.db, orgId, ["builds:read", "builds:write"], { name: "Deployer" });
  reader = await createKey(opened.db, orgId, ["builds:read"]);
  otherKey = await createKey(opened.db, (await createOrgWithEndpoint(opened.db, receiver)).org.id, ["admin"]);
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});

type Handler = (req: Request, ctx: never) => Promise<Response>;
const post = (handler: Handler, params: object, body: unknown = {}, key = writer) => callRoute(handler as never, { method: "POST", url: "/api/v1/x", key, params, body });
const get = (handler: Handler, params: object, url = "/api/v1/x", key = reader) => callRoute(handler as never, { url, key, params });

/** A succeeded build of `branch` with a commit, through the runner API. */
async function succeededBuild(branch: string, project = projectId): Promise<Build> {
  const build = await expectJson<Build>(
    await post(projectBuilds.POST, { projectId: project }, { branch, commit_sha: "9fceb02d0ae598e95dc970b74767f19372d61af8", commit_message: `Ship ${branch}` }),
    201,
  );
  await expectJson(await post(statusRoute.POST, { buildId: build.id }, { status: "started" }), 200);
  await expectJson(await post(statusRoute.POST, { buildId: build.id }, { status: "succeeded" }), 200);
  return build;
}
const deploy = async (buildId: string, environment = "production") => expectJson<Deployment>(await post(deployRoute.POST, { buildId }, { environment }), 201);
const report = (deploymentId: string, body: unknown, key = writer) => post(deploymentStatus.POST, { deploymentId }, body, key);
const eventsOf = async (deploymentId: string) =>
  (await deliveredEvents(opened.db, receiver, orgId)).filter((e) => (e.data.deployment as { id?: string } | undefined)?.id === deploymentId);

describe("deploying a build", () => {
  it("creates a deployment carrying the build's number, branch and commit, who deployed it, and publishes deployment.created", async () => {
    const build = await succeededBuild("feature/deploy");
    const deployment = await deploy(build.id, "preview");
    expect(deployment).toMatchObject({
      status: "created",
      environment: "preview",
      build_id: build.id,
      project_id: projectId,
      build_number: build.number,
      branch: "feature/deploy",
      commit_sha: "9fceb02d0ae598e95dc970b74767f19372d61af8",
      commit_message: "Ship feature/deploy",
      url: `https://${projectSlug}-build-${build.number}.preview.example.com`,
      error_message: null,
      created_by: 'API key "Deployer"',
      finished_at: null,
    });

    const [created] = await eventsOf(deployment.id);
    expect(created.type).toBe("deployment.created");
    expect(parsesWithCatalog(created)).toBe(true);
    expect(created.data).toEqual({ deployment, project: { id: projectId, name: expect.any(String) } });

    const detail = await expectJson<{ deployments: Deployment[] }>(await get(buildItem.GET, { buildId: build.id }), 200);
    expect(detail.deployments).toEqual([deployment]);
    expect(await expectJson<Deployment>(await get(deploymentItem.GET, { deploymentId: deployment.id }), 200)).toEqual(deployment);
  });

  it("refuses builds that have not succeeded with a 409 that says why", async () => {
    const build = await expectJson<Build>(await post(projectBuilds.POST, { projectId }, { branch: "not-yet" }), 201);
    const refused = await expectProblem(await post(deployRoute.POST, { buildId: build.id }, { environment: "production" }), 409);
    expect(refused.detail).toBe(`Build #${build.number} is queued; only succeeded builds can be deployed.`);
  });
});

describe("deployers reporting the outcome", () => {
  it("ends a deployment as succeeded with the URL it reports, publishes deployment.succeeded with it, audits it, and answers 409 afterwards", async () => {
    const build = await succeededBuild("release/1.2");
    const deployment = await deploy(build.id);
    const done = await expectJson<Deployment>(await report(deployment.id, { status: "succeeded", url: "https://myplugin.example.com/releases/1.2" }), 200);
    expect(done).toMatchObject({ id: deployment.id, status: "succeeded", url: "https://myplugin.example.com/releases/1.2", error_message: null, finished_at: expect.any(String) });

    const events = await eventsOf(deployment.id);
    expect(events.map((e) => e.type).sort()).toEqual(["deployment.created", "deployment.succeeded"]);
    const succeeded = events.find((e) => e.type === "deployment.succeeded") as Envelope;
    expect(parsesWithCatalog(succeeded)).toBe(true);
    expect(succeeded.data.deployment).toMatchObject({
      environment: "production",
      status: "succeeded",
      url: "https://myplugin.example.com/releases/1.2",
      build_number: build.number,
      branch: "release/1.2",
      commit_sha: "9fceb02d0ae598e95dc970b74767f19372d61af8",
      commit_message: "Ship release/1.2",
    });
    expect(succeeded.data.project).toMatchObject({ id: projectId });

    const audit = await opened.db.auditLog.findFirstOrThrow({ where: { organizationId: orgId, action: "deployment.succeeded", targetId: deployment.id } });
    expect(audit).toMatchObject({ actorType: "api_key", actorId: (await findKey(opened.db, writer)).id, actorLabel: 'API key "Deployer"' });
    expect(audit.metadata).toMatchObject({ build_id: build.id, environment: "production", url: "https://myplugin.example.com/releases/1.2" });

    for (const status of ["failed", "canceled", "succeeded"]) {
      const again = await expectProblem(await report(deployment.id, { status }), 409);
      expect(again.detail).toBe(`Deployment ${deployment.id} has already ended (succeeded); only a deployment in progress can become ${status}.`);
    }
    expect((await eventsOf(deployment.id)).length).toBe(2);
  });

  it("keeps the deployment's URL when none is reported, and records a failure's message (or a default one)", async () => {
    const build = await succeededBuild("fail-me");
    const [a, b, c] = [await deploy(build.id), await deploy(build.id, "preview"), await deploy(build.id, "preview")];
    const failed = await expectJson<Deployment>(await report(a.id, { status: "failed", error_message: "Health check timed out" }), 200);
    expect(failed).toMatchObject({ status: "failed", error_message: "Health check timed out", url: a.url });
    expect(await expectJson<Deployment>(await report(b.id, { status: "failed" }), 200)).toMatchObject({ status: "failed", error_message: "The deployment failed." });
    expect(await expectJson<Deployment>(await report(c.id, { status: "canceled" }), 200)).toMatchObject({ status: "canceled", error_message: null, url: c.url });

    const [failedEvent] = (await eventsOf(a.id)).filter((e) => e.type === "deployment.failed");
    expect(parsesWithCatalog(failedEvent)).toBe(true);
    expect(failedEvent.data.deployment).toMatchObject({ status: "failed", error_message: "Health check timed out", build_number: build.number, branch: "fail-me" });
    expect((await eventsOf(c.id)).map((e) => e.type).sort()).toEqual(["deployment.canceled", "deployment.created"]);
  });

  it("validates the report: an https URL without credentials, a known status, error_message only for failures", async () => {
    const build = await succeededBuild("validate");
    const deployment = await deploy(build.id);
    const cases: [unknown, string][] = [
      [{ status: "succeeded", url: "http://myplugin.example.com" }, "url"],
      [{ status: "succeeded", url: "https:myplugin.example.com" }, "url"],
      [{ status: "succeeded", url: "https://user:secret@myplugin.example.com" }, "url"],
      [{ status: "succeeded", url: "javascript:alert(1)" }, "url"],
      [{ status: "succeeded", url: `https://example.com/${"a".repeat(2100)}` }, "url"],
      [{ status: "succeeded", url: 42 }, "url"],
      [{ status: "created" }, "status"],
      [{ status: "cancelled" }, "status"],
      [{}, "status"],
      [{ status: "succeeded", error_message: "not a failure" }, "error_message"],
      [{ status: "failed", error_message: "x".repeat(2001) }, "error_message"],
    ];
    for (const [body, field] of cases) {
      const problem = await expectProblem(await report(deployment.id, body), 422);
      expect(problem.errors?.map((e) => e.field), JSON.stringify(body).slice(0, 80)).toContain(field);
    }
    expect(await expectJson<Deployment>(await get(deploymentItem.GET, { deploymentId: deployment.id }), 200)).toMatchObject({ status: "created" });
  });

  it("needs builds:write to report and builds:read to read", async () => {
    const build = await succeededBuild("scopes");
    const deployment = await deploy(build.id);
    expect((await expectProblem(await report(deployment.id, { status: "succeeded" }, reader), 403)).detail).toContain("builds:write");
    await expectProblem(await callRoute(deploymentStatus.POST as never, { method: "POST", url: "/api/v1/x", params: { deploymentId: deployment.id }, body: { status: "succeeded" } }), 401);
    const unrelated = await createKey(opened.db, orgId, ["webhooks:read"]);
    await expectProblem(await get(projectDeployments.GET, { projectId }, "/api/v1/x", unrelated), 403);
    await expectProblem(await get(deploymentItem.GET, { deploymentId: deployment.id }, "/api/v1/x", unrelated), 403);
    await expectJson(await get(deploymentItem.GET, { deploymentId: deployment.id }, "/api/v1/x", reader), 200);
  });
});

describe("a project's deployments", () => {
  it("lists them newest first with a cursor, only the project's own", async () => {
    const project = await createProjectFixture(opened.db, orgId);
    const first = await deploy((await succeededBuild("list-a", project.id)).id, "preview");
    const second = await deploy((await succeededBuild("list-b", project.id)).id, "production");
    await deploy((await succeededBuild("elsewhere")).id); // the other project's

    const page1 = await expectJson<{ data: Deployment[]; next_cursor: string }>(await get(projectDeployments.GET, { projectId: project.id }, "/api/v1/x?limit=1"), 200);
    expect(page1.data.map((d) => d.id)).toEqual([second.id]);
    expect(page1.data[0]).toMatchObject({ branch: "list-b", environment: "production", build_number: expect.any(Number) });
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = await expectJson<{ data: Deployment[]; next_cursor: string | null }>(
      await get(projectDeployments.GET, { projectId: project.id }, `/api/v1/x?limit=1&cursor=${page1.next_cursor}`),
      200,
    );
    expect(page2).toEqual({ data: [first], next_cursor: null });
    const empty = await createProjectFixture(opened.db, orgId);
    expect(await expectJson(await get(projectDeployments.GET, { projectId: empty.id }), 200)).toEqual({ data: [], next_cursor: null });
  });

  it("answers 404 to another organization for the list, a deployment and its status, and changes nothing", async () => {
    const deployment = await deploy((await succeededBuild("isolated")).id);
    await expectProblem(await get(projectDeployments.GET, { projectId }, "/api/v1/x", otherKey), 404);
    await expectProblem(await get(deploymentItem.GET, { deploymentId: deployment.id }, "/api/v1/x", otherKey), 404);
    await expectProblem(await report(deployment.id, { status: "failed" }, otherKey), 404);
    await expectProblem(await get(deploymentItem.GET, { deploymentId: "dep_01JH6ZG7H8J9K0MNPQRSTVWXYZ" }), 404);
    await expectProblem(await get(deploymentItem.GET, { deploymentId: "../../etc" }), 404);
    expect(await expectJson<Deployment>(await get(deploymentItem.GET, { deploymentId: deployment.id }), 200)).toMatchObject({ status: "created" });
  });
});
