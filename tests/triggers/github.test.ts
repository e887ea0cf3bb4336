// The GitHub receiver through its route, with real payload shapes and real signatures.
import { sign } from "@octokit/webhooks-methods";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as githubRoute from "@/app/api/integrations/github/[projectId]/route";
import * as rulesRoute from "@/app/api/v1/projects/[projectId]/trigger-rules/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { createProject } from "@/lib/projects";
import { projectSecret } from "@/lib/triggers";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { pushPayload, releasePayload } from "./fixtures";

let opened: OpenedDatabase;
let projectId: string;
let secret: string;
let key: string;

const SEED_RULES = {
  rules: [
    {
      trigger: "push",
      enabled: true,
      branches: ["main", "release/*"],
      paths: { include: ["Source/**", "CMakeLists.txt"], exclude: ["docs/**", "*.md"] },
      build_config: { platforms: ["macos", "windows"], formats: ["vst3", "au"], release_type: "dev" },
    },
    { trigger: "release", enabled: true, release_types: ["published"], build_config: { release_type: "release", platforms: ["macos", "windows"], formats: ["vst3", "au"] } },
  ],
};

beforeAll(async () => {
  opened = await createTestDatabase();
  const { org } = await createOrgWithUser(opened.db);
  const project = await createProject(opened.db, org.id, { name: "MyPlugin", default_branch: "main", default_platforms: ["linux"], default_formats: ["clap"] }, systemActor);
  projectId = project.id;
  secret = projectSecret(project, "github");
  key = await createKey(opened.db, org.id, ["builds:read", "webhooks:write"]);
  const res = await callRoute(rulesRoute.PUT, { method: "PUT", url: "/x", key, body: SEED_RULES, params: { projectId } });
  expect((await expectJson<{ rules: unknown[] }>(res, 200)).rules).toHaveLength(2);
});
afterAll(() => opened?.close());

async function deliver(event: string, payload: unknown, options: { delivery?: string; signature?: string } = {}) {
  const body = JSON.stringify(payload);
  return callRoute(githubRoute.POST, {
    url: `/api/integrations/github/${projectId}`,
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": options.delivery ?? randomUUID(),
      "x-hub-signature-256": options.signature ?? (await sign(secret, body)),
    },
    params: { projectId },
  });
}

type Answer = { message: string; rules: { index: number; matched: boolean; reason: string }[]; builds: { build_id: string; number: number }[]; duplicate?: boolean };

describe("GitHub receiver", () => {
  it("answers ping", async () => {
    expect(await expectJson<Answer>(await deliver("ping", { zen: "Keep it logically awesome.", hook_id: 1 }), 200)).toMatchObject({ message: "pong: the webhook is set up." });
  });

  it("queues a build for a push whose commits change an included file, and says which rule matched", async () => {
    const payload = pushPayload({
      commits: [{ added: ["docs/guide.md"], message: "Docs" }, { modified: ["README.md"] }, { removed: ["Source/Old.cpp"], message: "Remove old DSP" }],
    });
    const answer = await expectJson<Answer>(await deliver("push", payload), 200);
    expect(answer.rules).toEqual([{ index: 0, trigger: "push", matched: true, reason: "Branch main matches and Source/Old.cpp changed." }]);
    expect(answer.builds).toHaveLength(1);
    const build = await opened.db.build.findUniqueOrThrow({ where: { id: answer.builds[0].build_id } });
    expect(build).toMatchObject({ source: "push", branch: "main", ref: "refs/heads/main", commitSha: payload.after, commitMessage: "Remove old DSP", status: "queued" });
    expect(build.buildConfig).toMatchObject({ platforms: ["macos", "windows"], formats: ["vst3", "au"], release_type: "dev" });
    expect(await opened.db.message.count({ where: { type: "build.queued", projectId } })).toBeGreaterThan(0);
  });

  it("does not build when every changed file is excluded, for other branches, tag pushes or branch deletions", async () => {
    const docsOnly = await expectJson<Answer>(await deliver("push", pushPayload({ commits: [{ modified: ["docs/a.md", "CHANGELOG.md"] }] })), 200);
    expect(docsOnly.builds).toEqual([]);
    expect(docsOnly.rules[0].reason).toContain("None of the 2 changed file(s)");
    const feature = await expectJson<Answer>(await deliver("push", pushPayload({ ref: "refs/heads/feature/eq" })), 200);
    expect(feature.builds).toEqual([]);
    const tag = await expectJson<Answer>(await deliver("push", pushPayload({ ref: "refs/tags/v1.0.0" })), 200);
    expect(tag).toMatchObject({ builds: [], message: "Ignored: refs/tags/v1.0.0 is not a branch (tag pushes do not trigger push rules)." });
    const deleted = await expectJson<Answer>(await deliver("push", pushPayload({ ref: "refs/heads/release/1.0", deleted: true })), 200);
    expect(deleted).toMatchObject({ builds: [], message: "Ignored: refs/heads/release/1.0 was deleted." });
  });

  it("queues a release build for a published release, not for other release actions", async () => {
    const published = await expectJson<Answer>(await deliver("release", releasePayload("published", "v1.2.0")), 200);
    expect(published.builds).toHaveLength(1);
    const build = await opened.db.build.findUniqueOrThrow({ where: { id: published.builds[0].build_id } });
    expect(build).toMatchObject({ source: "release", ref: "refs/tags/v1.2.0", version: "1.2.0" });
    expect(build.buildConfig).toMatchObject({ release_type: "release" });
    const edited = await expectJson<Answer>(await deliver("release", releasePayload("edited")), 200);
    expect(edited.builds).toEqual([]);
  });

  it("answers a repeated X-GitHub-Delivery with the first answer and creates nothing new", async () => {
    const delivery = randomUUID();
    const first = await expectJson<Answer>(await deliver("push", pushPayload(), { delivery }), 200);
    const before = await opened.db.build.count({ where: { projectId } });
    const again = await expectJson<Answer>(await deliver("push", pushPayload(), { delivery }), 200);
    expect(again).toMatchObject({ duplicate: true, builds: first.builds });
    expect(await opened.db.build.count({ where: { projectId } })).toBe(before);
  });

  it("refuses a missing or wrong signature with 401, and ignores unknown events with 202", async () => {
    await expectProblem(await deliver("push", pushPayload(), { signature: "" }), 401);
    const wrong = await expectProblem(await deliver("push", pushPayload(), { signature: await sign("not-the-secret", "{}") }), 401);
    expect(wrong.detail).toContain("does not match");
    const issues = await deliver("issues", { action: "opened" });
    expect(issues.status).toBe(202);
    expect((await issues.json()).message).toContain("does not trigger builds");
  });

  it("answers 404 for an unknown project", async () => {
    const res = await callRoute(githubRoute.POST, { url: "/x", body: "{}", headers: { "x-hub-signature-256": "sha256=00" }, params: { projectId: "proj_01JH0000000000000000000000" } });
    await expectProblem(res, 404);
  });
});
