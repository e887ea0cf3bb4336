// The build lifecycle (docs/triggers.md#builds): creating builds (numbered per project, superseding older
// queued builds of the branch), runner status changes, cancelling, reading. Every change
// publishes its build.* event in the same transaction as the change.
import "server-only";
import { parseWith } from "@/lib/validation";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";
import { recordAudit, type Actor } from "@/lib/audit";
import { Prisma, type Artifact, type Build } from "@/lib/db/generated/client";
import { always, isPublicId, jsonColumn, newId, writeTogether, writesAsCtes, type Db, type Tx } from "@/lib/db";
import {
  announceMessages,
  forgetPublishTargets,
  knownPublishTargets,
  preparePublish,
  publishEventsIn,
  publishTargetsFrom,
  publishTargetsHold,
  publishTargetsJson,
  type PublishInput,
  type PublishTarget,
} from "@/lib/delivery";
import { AppError, ConflictError, NotFoundError } from "@/lib/errors";
import { getProject } from "@/lib/projects/projects";
import { artifactUrlProblem } from "@/lib/webhooks/url-policy";
import { buildEventData, toArtifactResource } from "./resources";
import { buildConfigSchema, buildStatusInput, downloadTarget, type ArtifactDownloadList, type BuildConfig, type BuildSource, type BuildStatusInput } from "./schemas";
import { assertTransition, type BuildStatus } from "./state-machine";

// Artifacts are listed by platform, then format: stable whatever order a runner sent them in.
const ARTIFACT_ORDER = [{ platform: "asc" as const }, { format: "asc" as const }, { fileName: "asc" as const }];
type PublishedMessage = Awaited<ReturnType<typeof publishEventsIn>>["messages"][number];

export interface CreateBuildInput {
  orgId: string;
  projectId: string;
  source: BuildSource;
  ref?: string | null;
  branch?: string | null;
  commitSha?: string | null;
  commitMessage?: string | null;
  version?: string | null;
  buildConfig: BuildConfig | { platforms: string[]; formats: string[]; release_type: string; flags: Record<string, boolean> };
}

/** What a build's rows are written with: the number it takes, the builds it supersedes and its project. */
interface NewBuild {
  input: CreateBuildInput;
  config: BuildConfig;
  number: number;
  /** Queued builds of the branch it supersedes, as they are once superseded, by number. */
  older: Build[];
  project: { id: string; name: string };
}

/**
 * The rows of a new build as statement parts (lib/db writeTogether): the build, its status
 * change and those of the builds it supersedes, and their events with one pending delivery per
 * target. `writtenIf(buildId)`: SQL that holds when the rows of that build (the new one or a
 * superseded one) are to be written; everything else is left out.
 */
function newBuildRows({ input, config, number, older, project }: NewBuild, targets: PublishTarget[], now: Date, writtenIf: (buildId: string) => Prisma.Sql) {
  const at = now.toISOString();
  const branch = input.branch ?? null;
  const build: Build & { artifacts: Artifact[] } = {
    id: newId("bld", now.getTime()),
    organizationId: input.orgId,
    projectId: project.id,
    number,
    version: input.version ?? null,
    ref: input.ref ?? null,
    branch,
    commitSha: input.commitSha ?? null,
    commitMessage: input.commitMessage ?? null,
    source: input.source,
    buildConfig: config,
    status: "queued",
    errorMessage: null,
    errorLogs: null,
    failedAtStep: null,
    startedAt: null,
    finishedAt: null,
    createdAt: now,
    updatedAt: now,
    artifacts: [],
  };
  const changes = [
    { id: newId("bsc", now.getTime()), buildId: build.id, status: "queued", note: `Queued (${input.source})` },
    ...older.map((old) => ({ id: newId("bsc", now.getTime()), buildId: old.id, status: "superseded", note: `Superseded by build #${number}` })),
  ];
  // One publish per build (the new one, then each it supersedes), written only with its rows.
  const published = [build, ...older].map((b) => ({
    buildId: b.id,
    ...preparePublish(
      [{ orgId: input.orgId, projectId: project.id, type: b === build ? "build.queued" : "build.superseded", data: buildEventData({ ...b, artifacts: [] }, project) }],
      targets,
      now,
      writtenIf(b.id),
    ),
  }));
  const parts = [
    Prisma.sql`INSERT INTO "Build" ("id", "organizationId", "projectId", "number", "version", "ref", "branch", "commitSha", "commitMessage", "source", "buildConfig", "status", "createdAt", "updatedAt")
      SELECT ${build.id}, ${build.organizationId}, ${build.projectId}, ${number}, ${build.version}, ${build.ref}, ${branch}, ${build.commitSha}, ${build.commitMessage},
             ${build.source}::"BuildSource", ${JSON.stringify(config)}::jsonb, 'queued', ${at}::timestamp(3), ${at}::timestamp(3)
       WHERE ${writtenIf(build.id)}`,
    ...changes.map(
      (c) => Prisma.sql`INSERT INTO "BuildStatusChange" ("id", "buildId", "status", "note", "at")
        SELECT ${c.id}, ${c.buildId}, ${c.status}::"BuildStatus", ${c.note}, ${at}::timestamp(3) WHERE ${writtenIf(c.buildId)}`,
    ),
    ...published.flatMap((p) => p.parts),
  ];
  /** The messages of the builds whose rows were written. */
  const messagesOf = (buildIds: Set<string>) => published.filter((p) => buildIds.has(p.buildId)).flatMap((p) => p.messages);
  return { build, messages: published.flatMap((p) => p.messages), messagesOf, parts };
}

/**
 * Queues a build inside `tx` (the caller's transaction): takes the project's next number,
 * supersedes older queued builds of the same branch, stores the build and the status changes,
 * and publishes build.queued (+ build.superseded). Three statements whatever the number of
 * superseded builds: the number (which takes the project row's lock, so concurrent builds of a
 * project get distinct numbers and supersede in turn) with the endpoints the events go to; the
 * supersede; everything else, with the caller's `alsoWrite(build, writtenIf)` (rows of its own
 * that name the build, written where `writtenIf` holds), in one statement (lib/db
 * writeTogether). Call announceMessages(messages) after the transaction commits.
 * queueBuildAsSeen does the same in one statement when nothing changed since a read.
 */
export async function createBuild(tx: Tx, input: CreateBuildInput, now = new Date(), alsoWrite: AlsoWrite = () => []) {
  const config = parseWith(buildConfigSchema, input.buildConfig);
  const [project] = await tx.$queryRaw<{ id: string; name: string; number: number; targets: unknown }[]>(Prisma.sql`
    WITH project AS (
      UPDATE "Project" SET "nextBuildNumber" = "nextBuildNumber" + 1, "updatedAt" = ${now.toISOString()}::timestamp(3)
       WHERE id = ${input.projectId} AND "organizationId" = ${input.orgId}
      RETURNING id, name, "nextBuildNumber" - 1 AS number)
    SELECT id, name, number, ${publishTargetsJson(Prisma.sql`${input.orgId}`)} AS targets FROM project`);
  if (!project) throw new NotFoundError("Project", input.projectId);
  const branch = input.branch ?? null;

  // Release builds of tags have no branch: they never supersede each other. A build a runner
  // picked up meanwhile is no longer queued, so it is not superseded.
  const older = branch
    ? (await tx.build.updateManyAndReturn({ where: { projectId: project.id, branch, status: "queued" }, data: { status: "superseded", finishedAt: now } })).sort(
        (a, b) => a.number - b.number,
      )
    : [];
  const created = newBuildRows({ input, config, number: project.number, older, project }, publishTargetsFrom(project.targets), now, () => always);
  await writeTogether(tx, [...created.parts, ...alsoWrite(created.build, always)]);
  return { build: created.build, messages: created.messages, superseded: older.map((b) => b.id) };
}

/** Rows of a caller's own, written in the statement that stores the build, where `writtenIf` (SQL) holds. */
type AlsoWrite = (build: Build, writtenIf: Prisma.Sql) => Prisma.Sql[];

/**
 * What queueBuildAsSeen needs to have read of the project, in the same query as the rest of
 * what its caller reads (over `p`, the project): its name and next number, and the queued
 * builds of `branch` (undefined: the project's default branch; null: none, a tag's build).
 */
export function queueSnapshotColumns(branch: string | null | undefined): Prisma.Sql {
  const branchSql = branch === undefined ? Prisma.sql`p."defaultBranch"` : Prisma.sql`${branch}::text`;
  return Prisma.sql`p.name AS "projectName", p."nextBuildNumber",
    (SELECT coalesce(json_agg(b ORDER BY b.number), '[]'::json) FROM "Build" b WHERE b."projectId" = p.id AND b.branch = ${branchSql} AND b.status = 'queued') AS "queuedOnBranch"`;
}

/** A project as queueSnapshotColumns read it. */
export interface QueueSnapshot {
  projectName: string;
  nextBuildNumber: number;
  queuedOnBranch: unknown;
}

/** queueSnapshotColumns on their own, for a caller that learns the branch after reading the project. */
export async function queueSnapshotOf(db: Db, projectId: string, branch: string | null): Promise<QueueSnapshot | null> {
  const [row] = await db.$queryRaw<QueueSnapshot[]>(Prisma.sql`SELECT ${queueSnapshotColumns(branch)} FROM "Project" p WHERE p.id = ${projectId}`);
  return row ?? null;
}

const BUILD_TIMES = ["startedAt", "finishedAt", "createdAt", "updatedAt"] as const;

/** A Build row as json_agg gives it: timestamps (UTC, without a zone) as text. */
function buildFromJson(row: Record<string, unknown>): Build {
  const times = Object.fromEntries(BUILD_TIMES.map((k) => [k, typeof row[k] === "string" ? new Date(`${row[k]}Z`) : null]));
  return { ...(row as unknown as Build), ...times };
}

/**
 * createBuild in one statement, without a transaction, when the project is as `seen` (its next
 * number, and so every build of it) and the organization's endpoints are as publishing last
 * read them: the number is taken only if it is still the one seen, the builds seen queued are
 * superseded only if they still are, and nothing else is written unless the number was taken.
 * Null when the number was taken or the endpoints changed meanwhile (nothing was written): call
 * createBuild instead. Call announceMessages(messages) after it returns.
 */
export async function queueBuildAsSeen(db: Db, input: CreateBuildInput, seen: QueueSnapshot, now = new Date(), alsoWrite: AlsoWrite = () => []) {
  const config = parseWith(buildConfigSchema, input.buildConfig);
  const at = now.toISOString();
  const targets = await knownPublishTargets(db, input.orgId);
  const seenQueued = jsonColumn<Record<string, unknown>[]>(seen.queuedOnBranch).map((row) => ({ ...buildFromJson(row), status: "superseded" as const, finishedAt: now, updatedAt: now }));
  const seenIds = new Set(seenQueued.map((b) => b.id));
  const taken = Prisma.sql`(SELECT ok FROM taken)`;
  const created = newBuildRows({ input, config, number: seen.nextBuildNumber, older: seenQueued, project: { id: input.projectId, name: seen.projectName } }, targets.targets, now, (buildId) =>
    seenIds.has(buildId) ? Prisma.sql`EXISTS (SELECT 1 FROM superseded WHERE id = ${buildId})` : taken,
  );
  const [{ ok, targetsHeld, superseded }] = await db.$queryRaw<{ ok: boolean; targetsHeld: boolean; superseded: string[] }[]>(Prisma.sql`
    WITH targets AS (SELECT ${publishTargetsHold(Prisma.sql`${input.orgId}`, targets.fingerprint)} AS held),
    project AS (
      UPDATE "Project" SET "nextBuildNumber" = "nextBuildNumber" + 1, "updatedAt" = ${at}::timestamp(3)
       WHERE id = ${input.projectId} AND "organizationId" = ${input.orgId} AND "nextBuildNumber" = ${seen.nextBuildNumber} AND (SELECT held FROM targets)
      RETURNING id),
    taken AS (SELECT EXISTS (SELECT 1 FROM project) AS ok),
    superseded AS (
      UPDATE "Build" SET status = 'superseded', "finishedAt" = ${at}::timestamp(3), "updatedAt" = ${at}::timestamp(3)
       WHERE id = ANY(${[...seenIds]}::text[]) AND status = 'queued' AND ${taken}
      RETURNING id),
    ${writesAsCtes([...created.parts, ...alsoWrite(created.build, taken)])}
    SELECT (SELECT ok FROM taken) AS ok, (SELECT held FROM targets) AS "targetsHeld", ARRAY(SELECT id FROM superseded) AS superseded`);
  if (!targetsHeld) forgetPublishTargets(input.orgId);
  if (!ok) return null;
  // A build seen queued that a runner picked up meanwhile was not superseded, nor announced.
  return { build: created.build, messages: created.messagesOf(new Set([created.build.id, ...superseded])), superseded: seenQueued.filter((b) => superseded.includes(b.id)).map((b) => b.id) };
}

/** createBuild in its own transaction, announcing the events after commit. */
export async function createBuildAndAnnounce(db: Db, input: CreateBuildInput, now = new Date()) {
  const result = await db.$transaction((tx) => createBuild(tx, input, now));
  await announceMessages(result.messages);
  return result.build;
}

/**
 * Moves a build to the status a runner (or a user) reports, in one transaction with its
 * status change, artifacts and build.<status> event.
 */
export async function transitionBuild(db: Db, orgId: string, buildId: string, input: BuildStatusInput, actor: Actor, now = new Date()) {
  const change = parseWith(buildStatusInput, input);
  const { build, messages } = await db.$transaction(async (tx) => {
    const current = await tx.build.findFirst({ where: { id: buildId, organizationId: orgId }, include: { project: { select: { id: true, name: true } } } });
    if (!current) throw new NotFoundError("Build", buildId);
    const to = change.status as BuildStatus;
    assertTransition(current.status, to, current.number);
    const failed = to === "failed";
    const updated = await tx.build.updateMany({
      where: { id: current.id, status: current.status },
      data: {
        status: to,
        startedAt: to === "started" ? now : undefined,
        finishedAt: to === "started" ? undefined : now,
        errorMessage: failed ? change.error_message : undefined,
        errorLogs: failed ? (change.error_logs ?? null) : undefined,
        failedAtStep: failed ? (change.failed_at_step ?? null) : undefined,
      },
    });
    if (updated.count === 0) throw new ConflictError(`Build #${current.number} changed at the same time; fetch it and try again.`);
    if (to === "succeeded" && change.artifacts?.length) {
      await tx.artifact.createMany({
        data: change.artifacts.map((a) => ({
          id: newId("art", now.getTime()),
          buildId: current.id,
          platform: a.platform,
          format: a.format,
          fileName: a.file_name,
          fileSize: BigInt(a.file_size),
          downloadUrl: a.download_url,
          createdAt: now,
        })),
      });
    }
    await tx.buildStatusChange.create({
      data: { id: newId("bsc", now.getTime()), buildId: current.id, status: to, note: noteFor(to, change, actor), at: now },
    });
    const after = await tx.build.findUniqueOrThrow({ where: { id: current.id }, include: { artifacts: { orderBy: ARTIFACT_ORDER } } });
    const published = await publishEventsIn(
      tx,
      [{ orgId, projectId: current.projectId, type: `build.${to}` as PublishInput["type"], data: buildEventData(after, current.project) }],
      now,
    );
    return { build: after, messages: published.messages as PublishedMessage[] };
  });
  await announceMessages(messages);
  return build;
}

function noteFor(to: BuildStatus, change: BuildStatusInput, actor: Actor): string {
  if (to === "failed") return change.failed_at_step ? `Failed at ${change.failed_at_step}: ${change.error_message}` : change.error_message!;
  if (to === "succeeded") return `Succeeded with ${change.artifacts?.length ?? 0} artifact(s)`;
  return `${to[0].toUpperCase()}${to.slice(1)} by ${actor.label}`;
}

export async function cancelBuild(db: Db, orgId: string, buildId: string, actor: Actor, now = new Date()) {
  const build = await transitionBuild(db, orgId, buildId, { status: "cancelled" }, actor, now);
  await recordAudit(db, orgId, actor, "build.cancelled", { type: "build", id: build.id }, { number: build.number });
  return build;
}

export async function listBuilds(db: Db, orgId: string, projectId: string, page: PageQuery) {
  const project = await getProject(db, orgId, projectId);
  const args = pageArgs(page);
  const rows = await db.build.findMany({
    ...args,
    where: { ...args.where, projectId: project.id, organizationId: orgId },
    include: { artifacts: { orderBy: ARTIFACT_ORDER } },
  });
  return toPage(rows, page);
}

/** A build of the organization with artifacts, timeline and deployments; NotFound for other orgs. */
export async function getBuild(db: Db, orgId: string, buildId: string) {
  if (!isPublicId(buildId)) throw new NotFoundError("Build", buildId);
  const build = await db.build.findFirst({
    where: { id: buildId, organizationId: orgId },
    include: {
      artifacts: { orderBy: ARTIFACT_ORDER },
      statusChanges: { orderBy: [{ at: "asc" }, { id: "asc" }] },
      deployments: { orderBy: { id: "desc" } },
    },
  });
  if (!build) throw new NotFoundError("Build", buildId);
  return build;
}

/** A build's artifacts (platform, format, file name order); NotFound for other orgs. */
export async function listArtifacts(db: Db, orgId: string, buildId: string) {
  if (!isPublicId(buildId)) throw new NotFoundError("Build", buildId);
  const build = await db.build.findFirst({ where: { id: buildId, organizationId: orgId }, include: { artifacts: { orderBy: ARTIFACT_ORDER } } });
  if (!build) throw new NotFoundError("Build", buildId);
  return build.artifacts;
}

/**
 * What GET /api/v1/builds/{id}/download/{target} answers (docs/triggers.md#artifacts): the URL to redirect to
 * when exactly one artifact matches `target` (a platform, or "all"), else the list. 404 with the
 * reason when the build has not succeeded or has no artifact for the target; 409 when the one
 * match's stored URL breaks the artifact URL rules (stored before they existed): never redirected
 * to (docs/security.md#artifact-urls).
 */
export async function artifactDownload(db: Db, orgId: string, buildId: string, target: string): Promise<{ redirect: string } | { list: ArtifactDownloadList }> {
  if (!isPublicId(buildId)) throw new NotFoundError("Build", buildId);
  const build = await db.build.findFirst({ where: { id: buildId, organizationId: orgId }, include: { artifacts: { orderBy: ARTIFACT_ORDER } } });
  if (!build) throw new NotFoundError("Build", buildId);
  if (build.status !== "succeeded") {
    throw new AppError(404, "not_found", `Build #${build.number} is ${build.status}; its artifacts can be downloaded once it has succeeded.`);
  }
  const platforms = [...new Set(build.artifacts.map((a) => a.platform))];
  if (!downloadTarget.safeParse(target).success) {
    throw new AppError(404, "not_found", `Use a platform (${platforms.join(", ") || "none for this build"}) or "all".`);
  }
  const matching = target === "all" ? build.artifacts : build.artifacts.filter((a) => a.platform === target);
  if (matching.length === 0) {
    const has = platforms.length ? `it has artifacts for ${platforms.join(", ")}.` : "the runner reported none.";
    throw new AppError(404, "not_found", target === "all" ? `Build #${build.number} has no artifacts; ${has}` : `Build #${build.number} has no artifact for ${target}; ${has}`);
  }
  if (matching.length === 1) {
    const [artifact] = matching;
    const problem = artifactUrlProblem(artifact.downloadUrl);
    if (problem) {
      throw new ConflictError(
        `The stored download URL of ${artifact.fileName} (${artifact.platform}, ${artifact.format}) is not allowed, so this server does not redirect to it: ${problem}`,
      );
    }
    return { redirect: artifact.downloadUrl };
  }
  return { list: { build_id: build.id, artifacts: matching.map(toArtifactResource) } };
}
