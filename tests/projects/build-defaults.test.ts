// A project's default build config fills in what each build source leaves out: the manual
// trigger, POST /api/v1/projects/{id}/builds, the dashboard's Queue build and GitHub rules
// (docs/triggers.md#build-defaults).
import { sign } from "@octokit/webhooks-methods";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as githubRoute from "@/app/api/integrations/github/[projectId]/route";
import * as projectItem from "@/app/api/v1/projects/[projectId]/route";
import * as projectBuilds from "@/app/api/v1/projects/[projectId]/builds/route";
import * as triggerRoute from "@/app/api/v1/projects/[projectId]/trigger/route";
import * as rulesRoute from "@/app/api/v1/projects/[projectId]/trigger-rules/route";
import { systemActor } from "@/lib/audit";
import { queueBuild } from "@/lib/builds";
import type { OpenedDatabase } from "@/lib/db";
import { createProject } from "@/lib/projects";
import { projectSecret } from "@/lib/triggers";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson } from "../helpers/http";
import { pushPayload, releasePayload } from "../triggers/fixtures";

type Build = { id: string; release_type: string; flags: Record<string, boolean>; platforms: string[]; formats: string[] };

let opened: OpenedDatabase;
let orgId: string;
let key: string;
let projects = 0;

beforeAll(async () => {
  opened = await createTestDatabase();
  orgId = (await createOrgWithUser(opened.db)).org.id;
  key = await createKey(opened.db, orgId, ["admin"]);
});
afterAll(() => opened?.close());

/** A project whose defaults are set through PATCH, as the Settings tab and the API set them. */
async function projectWithDefaults(defaults: { default_release_type?: string; default_flags?: Record<string, boolean> }) {
  projects += 1;
  const project = await createProject(
    opened.db,
    orgId,
    { name: `Defaults ${projects}`, default_branch: "main", default_platforms: ["macos", "windows"], default_formats: ["vst3"] },
    systemActor,
  );
  if (Object.keys(defaults).length) {
    const res = await callRoute(projectItem.PATCH, { method: "PATCH", url: "/x", key, body: defaults, params: { projectId: project.id } });
    await expectJson(res, 200);
  }
  return project;
}

async function buildConfig(buildId: string) {
  return (await opened.db.build.findUniqueOrThrow({ where: { id: buildId } })).buildConfig as Record<string, unknown>;
}

describe("the builds API and the dashboard", () => {
  it("use the project's release type and flags when the request leaves them out", async () => {
    const project = await projectWithDefaults({ default_release_type: "minor", default_flags: { enableActivationKeys: true } });
    const res = await callRoute(projectBuilds.POST, { method: "POST", url: "/x", key, body: {}, params: { projectId: project.id } });
    expect(await expectJson<Build>(res, 201)).toMatchObject({ release_type: "minor", flags: { enableActivationKeys: true }, platforms: ["macos", "windows"], formats: ["vst3"] });

    const dashboard = await queueBuild(opened.db, orgId, project.id, {}, "dashboard");
    expect(dashboard.buildConfig).toEqual({ platforms: ["macos", "windows"], formats: ["vst3"], release_type: "minor", flags: { enableActivationKeys: true } });
  });

  it("keep what the request says, adding its flags to the project's (false turns a default off)", async () => {
    const project = await projectWithDefaults({ default_release_type: "minor", default_flags: { enableActivationKeys: true, telemetry: true } });
    const res = await callRoute(projectBuilds.POST, {
      method: "POST",
      url: "/x",
      key,
      body: { release_type: "major", flags: { telemetry: false, betaChannel: true } },
      params: { projectId: project.id },
    });
    expect(await expectJson<Build>(res, 201)).toMatchObject({ release_type: "major", flags: { enableActivationKeys: true, telemetry: false, betaChannel: true } });
  });

  it("fall back to dev and no flags for a project that never set them", async () => {
    const project = await projectWithDefaults({});
    const res = await callRoute(projectBuilds.POST, { method: "POST", url: "/x", key, body: {}, params: { projectId: project.id } });
    expect(await expectJson<Build>(res, 201)).toMatchObject({ release_type: "dev", flags: {} });
  });
});

describe("the manual trigger", () => {
  it("uses the project's release type and flags when the body leaves them out", async () => {
    const project = await projectWithDefaults({ default_release_type: "patch", default_flags: { enableActivationKeys: true } });
    const res = await callRoute(triggerRoute.POST, {
      url: `/api/v1/projects/${project.id}/trigger`,
      body: JSON.stringify({ ref: "refs/heads/main", flags: { betaChannel: true } }),
      headers: { "content-type": "application/json", "x-webhook-secret": projectSecret(project, "trigger") },
      params: { projectId: project.id },
    });
    const { build_id } = await expectJson<{ build_id: string }>(res, 202);
    expect(await buildConfig(build_id)).toEqual({ platforms: ["macos", "windows"], formats: ["vst3"], release_type: "patch", flags: { enableActivationKeys: true, betaChannel: true } });
  });
});

describe("GitHub rules", () => {
  const RULES = {
    rules: [
      { trigger: "push", branches: ["main"] },
      { trigger: "push", branches: ["release/*"], build_config: { release_type: "major", flags: { enableActivationKeys: false } } },
      { trigger: "release", release_types: ["published"] },
      { trigger: "release", release_types: ["prereleased"], build_config: { release_type: "patch" } },
    ],
  };

  async function githubProject() {
    const project = await projectWithDefaults({ default_release_type: "minor", default_flags: { enableActivationKeys: true } });
    await expectJson(await callRoute(rulesRoute.PUT, { method: "PUT", url: "/x", key, body: RULES, params: { projectId: project.id } }), 200);
    return project;
  }

  async function deliver(project: { id: string; triggerSecretEncrypted: string; githubSecretEncrypted: string }, event: string, payload: unknown) {
    const body = JSON.stringify(payload);
    const res = await callRoute(githubRoute.POST, {
      url: `/api/integrations/github/${project.id}`,
      body,
      headers: {
        "content-type": "application/json",
        "x-github-event": event,
        "x-github-delivery": randomUUID(),
        "x-hub-signature-256": await sign(projectSecret(project, "github"), body),
      },
      params: { projectId: project.id },
    });
    const answer = await expectJson<{ builds: { build_id: string }[] }>(res, 200);
    expect(answer.builds).toHaveLength(1);
    return buildConfig(answer.builds[0].build_id);
  }

  it("give a push rule without a build config the project's release type, flags, platforms and formats", async () => {
    const project = await githubProject();
    expect(await deliver(project, "push", pushPayload())).toEqual({
      platforms: ["macos", "windows"],
      formats: ["vst3"],
      release_type: "minor",
      flags: { enableActivationKeys: true },
    });
  });

  it("keep a rule's own release type, and add its flags to the project's", async () => {
    const project = await githubProject();
    expect(await deliver(project, "push", pushPayload({ ref: "refs/heads/release/2.0" }))).toMatchObject({
      release_type: "major",
      flags: { enableActivationKeys: false },
    });
  });

  it("keep release as the release type of GitHub release builds unless the rule says otherwise", async () => {
    const project = await githubProject();
    expect(await deliver(project, "release", releasePayload("published", "v2.0.0"))).toMatchObject({ release_type: "release", flags: { enableActivationKeys: true } });
    expect(await deliver(project, "release", releasePayload("prereleased", "v2.1.0-beta"))).toMatchObject({ release_type: "patch" });
  });
});
