// Queuing a build in one statement from what was read of the project (queueBuildAsSeen, as the
// trigger endpoint does): it writes everything, or nothing when the project, a build it would
// supersede or the organization's endpoints changed since; and the trigger endpoint then
// queues through createBuild, so the caller sees no difference.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/audit";
import { createBuildAndAnnounce, queueBuildAsSeen, queueSnapshotColumns, transitionBuild, type CreateBuildInput, type QueueSnapshot } from "@/lib/builds";
import { newId, type OpenedDatabase } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { announceMessages } from "@/lib/delivery/engine";
import { defaultRateLimitStore } from "@/lib/rate-limit";
import { handleManualTrigger, projectSecret } from "@/lib/triggers";
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

const input = (orgId: string, projectId: string, branch = "main"): CreateBuildInput => ({
  orgId,
  projectId,
  source: "api",
  branch,
  ref: `refs/heads/${branch}`,
  commitSha: "9fceb02d0ae598e95dc970b74767f19372d61af8",
  buildConfig: { platforms: ["macos"], formats: ["vst3"], release_type: "dev", flags: {} },
});

async function snapshot(projectId: string, branch: string | null | undefined = "main") {
  const [row] = await opened.db.$queryRaw<QueueSnapshot[]>(Prisma.sql`SELECT ${queueSnapshotColumns(branch)} FROM "Project" p WHERE p.id = ${projectId}`);
  return row;
}

async function countsOf(orgId: string, projectId: string) {
  return {
    builds: await opened.db.build.count({ where: { projectId } }),
    changes: await opened.db.buildStatusChange.count({ where: { build: { projectId } } }),
    messages: await opened.db.message.count({ where: { organizationId: orgId } }),
    deliveries: await opened.db.delivery.count({ where: { organizationId: orgId } }),
  };
}

/** A build queued through the trigger endpoint's code with the project's secret (X-Webhook-Secret). */
async function trigger(projectId: string, body: Record<string, unknown> = { branch: "main" }) {
  const project = await opened.db.project.findUniqueOrThrow({ where: { id: projectId } });
  const headers = new Headers({ "x-webhook-secret": projectSecret(project, "trigger") });
  return handleManualTrigger(opened.db, defaultRateLimitStore(opened.db), projectId, { headers, rawBody: JSON.stringify(body) });
}

describe("queuing a build as seen", () => {
  it("queues, supersedes the branch's queued build and publishes both events in one statement", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    const first = await createBuildAndAnnounce(opened.db, input(org.id, p.id));
    const queued = await queueBuildAsSeen(opened.db, input(org.id, p.id), await snapshot(p.id));
    expect(queued).not.toBeNull();
    await announceMessages(queued!.messages);
    expect(queued!.build.number).toBe(2);
    expect(queued!.superseded).toEqual([first.id]);

    const rows = await opened.db.build.findMany({ where: { projectId: p.id }, orderBy: { number: "asc" }, include: { statusChanges: { orderBy: { id: "asc" } } } });
    expect(rows.map((b) => [b.number, b.status])).toEqual([
      [1, "superseded"],
      [2, "queued"],
    ]);
    expect(rows[0].finishedAt).not.toBeNull();
    expect(rows[0].statusChanges.map((c) => c.note)).toEqual(["Queued (api)", "Superseded by build #2"]);
    expect((await opened.db.project.findUniqueOrThrow({ where: { id: p.id } })).nextBuildNumber).toBe(3);

    const events = await deliveredEvents(opened.db, receiver, org.id);
    expect(events.map((e) => e.type).sort()).toEqual(["build.queued", "build.queued", "build.superseded"]);
    expect(events.find((e) => e.type === "build.superseded")!.data.build).toMatchObject({ id: first.id, number: 1, status: "superseded" });
    expect(events.every(parsesWithCatalog)).toBe(true);
  });

  it("writes nothing when another build of the project was queued since the project was read", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    const seen = await snapshot(p.id);
    await createBuildAndAnnounce(opened.db, input(org.id, p.id, "feature/x"));
    const before = await countsOf(org.id, p.id);
    expect(await queueBuildAsSeen(opened.db, input(org.id, p.id), seen)).toBeNull();
    expect(await countsOf(org.id, p.id)).toEqual(before);
  });

  it("leaves a build seen queued that a runner started since, and announces no supersede for it", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    const first = await createBuildAndAnnounce(opened.db, input(org.id, p.id));
    const seen = await snapshot(p.id);
    await transitionBuild(opened.db, org.id, first.id, { status: "started" }, systemActor);

    const queued = await queueBuildAsSeen(opened.db, input(org.id, p.id), seen);
    expect(queued!.superseded).toEqual([]);
    expect(queued!.messages.map((m) => m.type)).toEqual(["build.queued"]);
    const started = await opened.db.build.findUniqueOrThrow({ where: { id: first.id }, include: { statusChanges: true } });
    expect(started.status).toBe("started");
    expect(started.statusChanges.map((c) => c.status).sort()).toEqual(["queued", "started"]);
    expect(await opened.db.message.count({ where: { organizationId: org.id, type: "build.superseded" } })).toBe(0);
  });

  it("writes nothing when an endpoint was added since the organization's endpoints were read; the trigger then reaches it", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    await trigger(p.id); // publishing now knows the organization's endpoints
    const added = newId("ep");
    // Behind this process's back, as another instance would.
    await opened.db.$executeRawUnsafe(
      `INSERT INTO "Endpoint" (id, "organizationId", name, url, "eventTypes", "updatedAt") VALUES ($1, $2, $1, 'http://127.0.0.1:9/x', ARRAY['build.queued'], now())`,
      added,
      org.id,
    );
    const before = await countsOf(org.id, p.id);
    expect(await queueBuildAsSeen(opened.db, input(org.id, p.id), await snapshot(p.id))).toBeNull();
    expect(await countsOf(org.id, p.id)).toEqual(before);

    const outcome = await trigger(p.id);
    const message = await opened.db.message.findFirstOrThrow({ where: { type: "build.queued", payload: { path: ["build", "id"], equals: outcome.buildId } } });
    const endpoints = await opened.db.delivery.findMany({ where: { messageId: message.id }, select: { endpointId: true } });
    expect(endpoints.map((d) => d.endpointId)).toContain(added);
  });

  it("leaves one queued build of a branch when triggers of it arrive at once, each superseding the one before", async () => {
    const { org } = await createOrgWithEndpoint(opened.db, receiver);
    const p = await createProjectFixture(opened.db, org.id);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => trigger(p.id)));
    expect(new Set(outcomes.map((o) => o.buildId)).size).toBe(6);
    const rows = await opened.db.build.findMany({ where: { projectId: p.id }, orderBy: { number: "asc" }, include: { statusChanges: true } });
    expect(rows.map((b) => b.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.map((b) => b.status)).toEqual(["superseded", "superseded", "superseded", "superseded", "superseded", "queued"]);
    for (const b of rows.slice(0, -1)) {
      expect(b.statusChanges.filter((c) => c.status === "superseded").map((c) => c.note)).toEqual([`Superseded by build #${b.number + 1}`]);
    }
    expect(await opened.db.message.count({ where: { organizationId: org.id, type: "build.superseded" } })).toBe(5);
  });
});
