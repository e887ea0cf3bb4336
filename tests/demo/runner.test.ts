// The demo runner with a fake clock: one tick at a time, no sleeping.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuildAndAnnounce, getBuild, toBuildDetailResource } from "@/lib/builds";
import { demoRunnerContext, tick, type DemoRunnerContext } from "@/lib/demo/runner";
import type { OpenedDatabase } from "@/lib/db";
import { createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";
import { createOrgWithEndpoint, createProjectFixture, deliveredEvents, parsesWithCatalog } from "../builds/fixtures";

let opened: OpenedDatabase;
let receiver: Receiver;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});

const at = (t0: Date, seconds: number) => new Date(t0.getTime() + seconds * 1000);

async function setUp(failing: boolean) {
  const { org } = await createOrgWithEndpoint(opened.db, receiver);
  const project = await createProjectFixture(opened.db, org.id, { default_formats: ["vst3", "au"] });
  const t0 = new Date(Date.UTC(2030, 0, 1, 12));
  const build = await createBuildAndAnnounce(
    opened.db,
    { orgId: org.id, projectId: project.id, source: "push", branch: "main", ref: "refs/heads/main", buildConfig: { platforms: ["macos", "windows"], formats: ["vst3", "au"], release_type: "dev", flags: {} } },
    t0,
  );
  // Only this test's build: other tests' builds sit at other times (and other orgs).
  const ctx: DemoRunnerContext = demoRunnerContext(opened.db, { shouldFail: (b) => b.id === build.id && failing });
  return { org, project, build, t0, ctx };
}

describe("demo runner", () => {
  it("moves a queued build to started after 2 s, to succeeded 5 s later with artifacts, and deploys it to preview", async () => {
    const { org, project, build, t0, ctx } = await setUp(false);
    await tick(ctx, at(t0, 1));
    expect((await getBuild(opened.db, org.id, build.id)).status).toBe("queued");

    await tick(ctx, at(t0, 2));
    expect((await getBuild(opened.db, org.id, build.id)).status).toBe("started");
    await tick(ctx, at(t0, 6));
    expect((await getBuild(opened.db, org.id, build.id)).status).toBe("started");

    await tick(ctx, at(t0, 7));
    const done = toBuildDetailResource(await getBuild(opened.db, org.id, build.id));
    expect(done).toMatchObject({ status: "succeeded", duration_seconds: 5 });
    expect(done.timeline.map((t) => t.status)).toEqual(["queued", "started", "succeeded"]);
    // AU exists on macOS only: macOS vst3 + au, Windows vst3.
    expect(done.artifacts.map((a) => [a.platform, a.format, a.file_name])).toEqual([
      ["macos", "au", expect.stringMatching(/\.component$/)],
      ["macos", "vst3", expect.stringMatching(/\.vst3$/)],
      ["windows", "vst3", expect.stringMatching(/\.vst3$/)],
    ]);
    for (const a of done.artifacts) {
      expect(a.file_size).toBeGreaterThan(1_000_000);
      expect(a.download_url).toMatch(new RegExp(`^https://downloads\\.example\\.com/${project.slug}/${build.number}/`));
    }
    expect(done.deployments).toEqual([expect.objectContaining({ environment: "preview", status: "created" })]);

    await tick(ctx, at(t0, 9));
    expect(toBuildDetailResource(await getBuild(opened.db, org.id, build.id)).deployments).toEqual([expect.objectContaining({ status: "succeeded" })]);

    const events = await deliveredEvents(opened.db, receiver, org.id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["build.queued", "build.started", "build.succeeded", "deployment.created", "deployment.succeeded"]));
    expect(events.every(parsesWithCatalog)).toBe(true);
  });

  it("fails a build at the configure step with CMake logs", async () => {
    const { org, build, t0, ctx } = await setUp(true);
    await tick(ctx, at(t0, 2));
    await tick(ctx, at(t0, 7));
    const failed = await getBuild(opened.db, org.id, build.id);
    expect(failed).toMatchObject({ status: "failed", failedAtStep: "configure", errorMessage: expect.stringContaining("CMake") });
    expect(failed.errorLogs).toContain("CMake Error at CMakeLists.txt:15");
    expect(failed.artifacts).toEqual([]);
    expect(failed.deployments).toEqual([]);
    const event = (await deliveredEvents(opened.db, receiver, org.id)).find((e) => e.type === "build.failed")!;
    expect(parsesWithCatalog(event)).toBe(true);
    expect(event.data.build).toMatchObject({ id: build.id, failed_at_step: "configure", error_message: expect.stringContaining("CMake") });
  });

  it("fails one build in five by default", () => {
    const ctx = demoRunnerContext(opened.db);
    const fails = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((number) => ctx.shouldFail({ number } as never));
    expect(fails).toEqual([5, 10]);
  });
});
