// The one place builds, deployments and domains become their snake_case wire shape
// (API responses, dashboard data and event payloads alike).
import type { Artifact, Build, BuildStatusChange, Deployment, Domain } from "@/lib/db/generated/client";
import type { BuildConfig, BuildDetailResource, BuildResource, BuildSource, DeploymentResource, DomainResource } from "./schemas";

/** Event payloads carry at most this much of the logs (the tail, where the error is). */
export const EVENT_LOG_LIMIT_BYTES = 64 * 1024;

export type BuildWithArtifacts = Build & { artifacts?: Artifact[] };

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export function buildConfigOf(build: Build): BuildConfig {
  const c = (build.buildConfig ?? {}) as Partial<BuildConfig>;
  return { platforms: c.platforms ?? [], formats: c.formats ?? [], release_type: c.release_type ?? "dev", flags: c.flags ?? {} };
}

export function durationSeconds(build: Build): number | null {
  if (!build.startedAt || !build.finishedAt) return null;
  return Math.max(0, Math.round((build.finishedAt.getTime() - build.startedAt.getTime()) / 1000));
}

export function toArtifactResource(a: Artifact) {
  return { platform: a.platform, format: a.format, file_name: a.fileName, file_size: Number(a.fileSize), download_url: a.downloadUrl };
}

export function toBuildResource(build: BuildWithArtifacts): BuildResource {
  const config = buildConfigOf(build);
  return {
    id: build.id,
    project_id: build.projectId,
    number: build.number,
    version: build.version,
    status: build.status,
    source: build.source as BuildSource,
    ref: build.ref,
    branch: build.branch,
    commit_sha: build.commitSha,
    commit_message: build.commitMessage,
    platforms: config.platforms,
    formats: config.formats,
    release_type: config.release_type,
    flags: config.flags,
    duration_seconds: durationSeconds(build),
    error_message: build.errorMessage,
    error_logs: build.errorLogs,
    failed_at_step: build.failedAtStep,
    artifacts: (build.artifacts ?? []).map(toArtifactResource),
    created_at: build.createdAt.toISOString(),
    started_at: iso(build.startedAt),
    finished_at: iso(build.finishedAt),
  };
}

/** What a deployment says about its build (number, branch, commit). */
export const DEPLOYED_BUILD = { select: { number: true, branch: true, commitSha: true, commitMessage: true } } as const;
export type DeploymentWithBuild = Deployment & { build: Pick<Build, "number" | "branch" | "commitSha" | "commitMessage"> };

export function toDeploymentResource(d: DeploymentWithBuild): DeploymentResource {
  return {
    id: d.id,
    project_id: d.projectId,
    build_id: d.buildId,
    build_number: d.build.number,
    branch: d.build.branch,
    commit_sha: d.build.commitSha,
    commit_message: d.build.commitMessage,
    environment: d.environment,
    status: d.status,
    url: d.url,
    error_message: d.errorMessage,
    created_by: d.createdBy,
    created_at: d.createdAt.toISOString(),
    finished_at: iso(d.finishedAt),
  };
}

/** The `data` of deployment.* events: the deployment (with its build's number, branch and commit) and its project. */
export function deploymentEventData(d: DeploymentWithBuild, project: { id: string; name: string }) {
  return { deployment: toDeploymentResource(d), project: { id: project.id, name: project.name } };
}

export function toBuildDetailResource(
  build: BuildWithArtifacts & { statusChanges: BuildStatusChange[]; deployments: Deployment[] },
): BuildDetailResource {
  return {
    ...toBuildResource(build),
    timeline: build.statusChanges.map((c) => ({ status: c.status, note: c.note, at: c.at.toISOString() })),
    deployments: build.deployments.map((d) => toDeploymentResource({ ...d, build })),
  };
}

export function toDomainResource(d: Domain): DomainResource {
  return { id: d.id, project_id: d.projectId, hostname: d.hostname, verified: d.verified, created_at: d.createdAt.toISOString() };
}

/** Keeps the last `limit` bytes of long logs, saying how much was cut. */
export function truncateLogs(logs: string | null, limit = EVENT_LOG_LIMIT_BYTES): string | null {
  if (logs === null) return null;
  const bytes = Buffer.from(logs, "utf8");
  if (bytes.length <= limit) return logs;
  const cut = bytes.length - limit;
  return `[… ${cut} bytes truncated]\n${bytes.subarray(cut).toString("utf8")}`;
}

/** The `data` of build.* events: the build (logs truncated) and its project. */
export function buildEventData(build: BuildWithArtifacts, project: { id: string; name: string }) {
  const resource = toBuildResource(build);
  return { build: { ...resource, error_logs: truncateLogs(resource.error_logs) }, project: { id: project.id, name: project.name } };
}
