// The build service: numbering, superseding, and createBuild inside a caller's transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announceMessages } from "@/lib/delivery/engine";
import { createBuild, createBuildAndAnnounce, transitionBuild, type CreateBuildInput } from "@/lib/builds";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { createTestDatabase } from "../helpers/db";
import { startReceiver, type Receiver } from "../helpers/receiver";
import { createOrgWithEndpoint, createProjectFixture, deliveredEvents, parsesWithCatalog } from "./fixtures";

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

const config = { platforms: ["macos", "windows"], formats: ["vst3"], release_type: "dev", flags: { enableActivationKeys: true } };
const input = (orgId: string, projectId: string, branch: string | null = "main"): CreateBuildInput => ({
  orgId,
  projectId,
  source: "push",
  branch,
  ref: branch ? `refs/heads/${branch}` : "refs/tags/v1.0.0",
  commitSha: "9fceb02d0ae598e95dc970b74767f19372d61af8",
  buildConfig: config,
});

describe("build numbering", () => {
  it("increases per project and is independent across projects", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const a = await createProjectFixture(opened.db, org.id);
    const b = await createProjectFixture(opened.db, org.id);
    const numbers = [];
    for (const [project, branch] of [[a, "main"], [a, "dev"], [b, "main"], [a, "main"], [b, "x"]] as const) {
      numbers.push([project === a ? "a" : "b", (await createBuildAndAnnounce(opened.db, input(org.id, project.id, branch))).number]);
    }
    expect(numbers).toEqual([
      ["a", 1],
      ["a", 2],
      ["b", 1],
      ["a", 3],
      ["b", 2],
    ]);
  });

  it("gives concurrent builds of one project distinct numbers", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    const builds = await Promise.all([1, 2, 3, 4].map((i) => createBuildAndAnnounce(opened.db, input(org.id, p.id, `b${i}`))));
    expect(builds.map((b) => b.number).sort()).toEqual([1, 2, 3, 4]);
  });

  it("leaves one queued build of a branch when builds of it are queued at once: each supersedes what was queued before it", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    const builds = await Promise.all(Array.from({ length: 6 }, () => createBuildAndAnnounce(opened.db, input(org.id, p.id, "main"))));
    const rows = await opened.db.build.findMany({ where: { projectId: p.id }, orderBy: { number: "asc" }, include: { statusChanges: true } });
    expect(rows.map((b) => b.status)).toEqual(["superseded", "superseded", "superseded", "superseded", "superseded", "queued"]);
    expect(builds.map((b) => b.number).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    // Every superseded build was superseded once, by the build numbered next.
    for (const b of rows.slice(0, -1)) {
      expect(b.statusChanges.filter((c) => c.status === "superseded").map((c) => c.note)).toEqual([`Superseded by build #${b.number + 1}`]);
    }
  });
});

describe("superseding", () => {
  it("supersedes an older queued build of the same branch, publishes build.superseded, and leaves other branches alone", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    const first = await createBuildAndAnnounce(opened.db, input(org.id, p.id, "main"));
    const other = await createBuildAndAnnounce(opened.db, input(org.id, p.id, "feature/x"));
    const tag = await createBuildAndAnnounce(opened.db, input(org.id, p.id, null));
    const second = await createBuildAndAnnounce(opened.db, input(org.id, p.id, "main"));
    await createBuildAndAnnounce(opened.db, input(org.id, p.id, null));

    const status = async (id: string) => (await opened.db.build.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(first.id)).toBe("superseded");
    expect(await status(other.id)).toBe("queued");
    expect(await status(tag.id)).toBe("queued");
    expect(await status(second.id)).toBe("queued");
    const changes = await opened.db.buildStatusChange.findMany({ where: { buildId: first.id }, orderBy: { at: "asc" } });
    expect(changes.map((c) => [c.status, c.note])).toEqual([
      ["queued", "Queued (push)"],
      ["superseded", "Superseded by build #4"],
    ]);

    const events = await deliveredEvents(opened.db, receiver, org.id);
    expect(events.map((e) => e.type).sort()).toEqual(["build.queued", "build.queued", "build.queued", "build.queued", "build.queued", "build.superseded"]);
    const superseded = events.find((e) => e.type === "build.superseded")!;
    expect(superseded.data.build).toMatchObject({ id: first.id, number: 1, status: "superseded", branch: "main" });
    expect(superseded.data.project).toEqual({ id: p.id, name: p.name });
    expect(events.every(parsesWithCatalog)).toBe(true);
  });

  it("does not supersede a build a runner already started", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    const first = await createBuildAndAnnounce(opened.db, input(org.id, p.id));
    await transitionBuild(opened.db, org.id, first.id, { status: "started" }, systemActor);
    await createBuildAndAnnounce(opened.db, input(org.id, p.id));
    expect((await opened.db.build.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("started");
  });
});

describe("createBuild in the caller's transaction", () => {
  it("stores nothing and publishes nothing when the caller's transaction rolls back", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    await expect(
      opened.db.$transaction(async (tx) => {
        await createBuild(tx, input(org.id, p.id));
        throw new Error("caller failed");
      }),
    ).rejects.toThrow("caller failed");
    expect(await opened.db.build.count({ where: { projectId: p.id } })).toBe(0);
    expect(await opened.db.message.count({ where: { projectId: p.id, type: { startsWith: "build." } } })).toBe(0);
    expect((await opened.db.project.findUniqueOrThrow({ where: { id: p.id } })).nextBuildNumber).toBe(1);
  });

  it("returns the build and the published messages to announce after commit", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    const result = await opened.db.$transaction((tx) => createBuild(tx, { ...input(org.id, p.id), source: "release", version: "1.2.0" }));
    await announceMessages(result.messages);
    expect(result.build).toMatchObject({ number: 1, status: "queued", source: "release", version: "1.2.0" });
    expect(result.messages.map((m) => m.type)).toEqual(["build.queued"]);
    const [event] = await deliveredEvents(opened.db, receiver, org.id);
    expect(event.data.build).toMatchObject({ id: result.build.id, status: "queued", platforms: ["macos", "windows"], formats: ["vst3"], release_type: "dev" });
  });

  it("validates the build config and refuses other organizations' projects", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const { org: other } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    await expect(createBuildAndAnnounce(opened.db, { ...input(org.id, p.id), buildConfig: { ...config, release_type: "beta" } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(createBuildAndAnnounce(opened.db, input(other.id, p.id))).rejects.toMatchObject({ status: 404 });
  });
});
