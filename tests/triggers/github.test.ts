// The GitHub receiver through its route, with real payload shapes and real signatures.
import { sign } from "@octokit/webhooks-methods";
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as githubRoute from "@/app/api/integrations/github/[projectId]/route";
import * as rulesRoute from "@/app/api/v1/projects/[projectId]/trigger-rules/route";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { createProject } from "@/lib/projects";
import { defaultRateLimitStore } from "@/lib/rate-limit";
import { GITHUB_DUPLICATE_WINDOW_MS, handleGithubWebhook, projectSecret } from "@/lib/triggers";
import { createKey, createOrgWithUser, createTestDatabase } from "../helpers/db";
import { callRoute, expectJson, expectProblem } from "../helpers/http";
import { pushPayload, releasePayload } from "./fixtures";

let opened: OpenedDatabase;
let orgId: string;
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
  orgId = org.id;
  const project = await createProject(opened.db, org.id, { name: "MyPlugin", default_branch: "main", default_platforms: ["linux"], default_formats: ["clap"] }, systemActor);
  projectId = project.id;
  secret = projectSecret(project, "github");
  key = await createKey(opened.db, org.id, ["builds:read", "webhooks:write"]);
  const res = await callRoute(rulesRoute.PUT, { method: "PUT", url: "/x", key, body: SEED_RULES, params: { projectId } });
  expect((await expectJson<{ rules: unknown[] }>(res, 200)).rules).toHaveLength(2);
});
afterAll(() => opened?.close());

async function deliver(event: string, payload: unknown, options: { delivery?: string | null; signature?: string; project?: { id: string; secret: string } } = {}) {
  const body = JSON.stringify(payload);
  const target = options.project ?? { id: projectId, secret };
  const delivery = options.delivery === undefined ? randomUUID() : options.delivery;
  return callRoute(githubRoute.POST, {
    url: `/api/integrations/github/${target.id}`,
    body,
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      ...(delivery === null ? {} : { "x-github-delivery": delivery }),
      "x-hub-signature-256": options.signature ?? (await sign(target.secret, body)),
    },
    params: { projectId: target.id },
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

  it("supersedes the branch's queued build with the next push, and answers a redelivery of it with its answer", async () => {
    const first = await expectJson<Answer>(await deliver("push", pushPayload({ commits: [{ modified: ["Source/A.cpp"] }] })), 200);
    const delivery = randomUUID();
    const payload = { ...pushPayload({ commits: [{ modified: ["Source/B.cpp"] }] }), after: randomBytes(20).toString("hex") };
    const second = await expectJson<Answer>(await deliver("push", payload, { delivery }), 200);
    expect(second.builds[0].number).toBe(first.builds[0].number + 1);
    const older = await opened.db.build.findUniqueOrThrow({ where: { id: first.builds[0].build_id }, include: { statusChanges: true } });
    expect(older.status).toBe("superseded");
    expect(older.statusChanges.map((c) => c.note)).toContain(`Superseded by build #${second.builds[0].number}`);
    const again = await expectJson<Answer>(await deliver("push", payload, { delivery }), 200);
    expect(again).toMatchObject({ duplicate: true, builds: second.builds });
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

  it("queues one build per matching rule, and a repeated delivery answers with all of them", async () => {
    const project = await createProject(opened.db, orgId, { name: "TwoRules", default_branch: "main", default_platforms: ["linux"], default_formats: ["clap"] }, systemActor);
    const target = { id: project.id, secret: projectSecret(project, "github") };
    const rule = (release_type: string) => ({ trigger: "push", enabled: true, branches: ["main"], paths: { include: ["Source/**"] }, build_config: { release_type } });
    const put = await callRoute(rulesRoute.PUT, { method: "PUT", url: "/x", key, body: { rules: [rule("dev"), rule("patch")] }, params: { projectId: project.id } });
    expect(put.status).toBe(200);
    const delivery = randomUUID();
    const first = await expectJson<Answer>(await deliver("push", pushPayload(), { delivery, project: target }), 200);
    expect(first.message).toBe("Queued 2 build(s).");
    expect(first.builds.map((b) => b.number)).toEqual([1, 2]);
    const builds = await opened.db.build.findMany({ where: { projectId: project.id }, orderBy: { number: "asc" } });
    expect(builds.map((b) => [b.id, (b.buildConfig as { release_type: string }).release_type])).toEqual([
      [first.builds[0].build_id, "dev"],
      [first.builds[1].build_id, "patch"],
    ]);
    const again = await expectJson<Answer>(await deliver("push", pushPayload(), { delivery, project: target }), 200);
    expect(again).toMatchObject({ duplicate: true, builds: first.builds });
    expect(await opened.db.build.count({ where: { projectId: project.id } })).toBe(2);
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

describe("GitHub receiver: the same body sent again", () => {
  let target: { id: string; secret: string };

  beforeAll(async () => {
    const project = await createProject(opened.db, orgId, { name: "Replayed", default_branch: "main", default_platforms: ["linux"], default_formats: ["clap"] }, systemActor);
    target = { id: project.id, secret: projectSecret(project, "github") };
    const res = await callRoute(rulesRoute.PUT, { method: "PUT", url: "/x", key, body: SEED_RULES, params: { projectId: project.id } });
    expect(res.status).toBe(200);
  });

  // A push that matches the first rule, with its own head commit so no two tests share a body.
  const freshPush = () => ({ ...pushPayload(), after: randomBytes(20).toString("hex") });
  const builds = () => opened.db.build.count({ where: { projectId: target.id } });

  it("answers the first answer for the same body with a new delivery id, or with none, and creates nothing new", async () => {
    const payload = freshPush();
    const before = await builds();
    const first = await expectJson<Answer & { delivery: string }>(await deliver("push", payload, { project: target }), 200);
    expect(first.builds).toHaveLength(1);
    expect(first.duplicate).toBeUndefined();

    const newId = await expectJson<Answer>(await deliver("push", payload, { project: target, delivery: randomUUID() }), 200);
    expect(newId).toEqual({ ...first, duplicate: true });
    const noHeader = await expectJson<Answer>(await deliver("push", payload, { project: target, delivery: null }), 200);
    expect(noHeader).toEqual({ ...first, duplicate: true });
    expect(await builds()).toBe(before + 1);
  });

  it("records a body sent without X-GitHub-Delivery, and answers it again with or without an id", async () => {
    const payload = releasePayload("published", `v9.${randomBytes(2).readUInt16BE()}.0`);
    const first = await expectJson<Answer>(await deliver("release", payload, { project: target, delivery: null }), 200);
    expect(first).toMatchObject({ delivery: null, message: "Queued 1 build(s)." });
    expect(await expectJson<Answer>(await deliver("release", payload, { project: target, delivery: null }), 200)).toEqual({ ...first, duplicate: true });
    expect(await expectJson<Answer>(await deliver("release", payload, { project: target }), 200)).toEqual({ ...first, duplicate: true });
  });

  it("queues a new build for a different body", async () => {
    const before = await builds();
    const one = await expectJson<Answer>(await deliver("push", freshPush(), { project: target }), 200);
    const other = await expectJson<Answer>(await deliver("push", freshPush(), { project: target }), 200);
    expect(other.duplicate).toBeUndefined();
    expect(other.builds[0].build_id).not.toBe(one.builds[0].build_id);
    expect(await builds()).toBe(before + 2);
  });

  it("creates one build for two identical requests at once (same delivery id, or new ids)", async () => {
    for (const sameId of [true, false]) {
      const payload = freshPush();
      const delivery = randomUUID();
      const before = await builds();
      const answers = await Promise.all(
        [0, 1].map(async () => expectJson<Answer>(await deliver("push", payload, { project: target, delivery: sameId ? delivery : randomUUID() }), 200)),
      );
      expect(await builds()).toBe(before + 1);
      expect(answers.filter((a) => a.duplicate)).toHaveLength(1);
      expect(answers[0].builds).toEqual(answers[1].builds);
    }
  });

  it("forgets a body after 24 h: the same body then queues again (a new delivery id)", async () => {
    const payload = JSON.stringify(freshPush());
    const headers = async () =>
      new Headers({ "x-github-event": "push", "x-github-delivery": randomUUID(), "x-hub-signature-256": await sign(target.secret, payload) });
    const store = defaultRateLimitStore(opened.db);
    const t0 = new Date();
    const first = await handleGithubWebhook(opened.db, store, target.id, { headers: await headers(), rawBody: payload }, t0);
    const almost = await handleGithubWebhook(opened.db, store, target.id, { headers: await headers(), rawBody: payload }, new Date(t0.getTime() + GITHUB_DUPLICATE_WINDOW_MS - 1000));
    expect(almost.body).toEqual({ ...first.body, duplicate: true });
    const later = await handleGithubWebhook(opened.db, store, target.id, { headers: await headers(), rawBody: payload }, new Date(t0.getTime() + GITHUB_DUPLICATE_WINDOW_MS));
    expect(later.body.duplicate).toBeUndefined();
    expect(later.body.builds[0].build_id).not.toBe(first.body.builds[0].build_id);
    // The old answers were forgotten once the new one was stored.
    expect(await opened.db.githubPayload.count({ where: { projectId: target.id, createdAt: { lt: new Date(t0.getTime() + 1) } } })).toBe(0);
  });
});
