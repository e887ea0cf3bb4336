// Queuing a build from the API, the dashboard or the trigger endpoint: fills what the
// caller left out from the project's defaults (branch, platforms, formats, release type, flags).
import type { Project } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db";
import { buildDefaultsOf, getProject } from "@/lib/projects/projects";
import { createBuildAndAnnounce, type CreateBuildInput } from "./builds";
import type { BuildSource, QueueBuildInput } from "./schemas";

/** "refs/heads/main" → "main"; tags have no branch; a bare name is a branch. */
export function branchOfRef(ref: string): string | null {
  if (ref.startsWith("refs/heads/")) return ref.slice("refs/heads/".length);
  if (ref.startsWith("refs/tags/")) return null;
  return ref;
}

/**
 * The branch a queueBuildInput asks for: its branch, or its ref's (null for a tag), or
 * undefined when it names neither (the project's default branch).
 */
export function requestedBranch(input: Pick<QueueBuildInput, "branch" | "ref">): string | null | undefined {
  return input.branch ?? (input.ref ? branchOfRef(input.ref) : undefined);
}

type ProjectDefaults = Pick<
  Project,
  "id" | "organizationId" | "defaultBranch" | "defaultPlatforms" | "defaultFormats" | "defaultReleaseType" | "defaultFlags"
>;

/**
 * The createBuild input for a parsed queueBuildInput, with the project's defaults: the
 * request's flags are added to the project's default flags (a flag sent as false turns a
 * default off).
 */
export function buildRequestFromInput(project: ProjectDefaults, input: QueueBuildInput, source: BuildSource): CreateBuildInput {
  const defaults = buildDefaultsOf(project);
  const requested = requestedBranch(input);
  const branch = requested === undefined ? project.defaultBranch : requested;
  return {
    orgId: project.organizationId,
    projectId: project.id,
    source,
    ref: input.ref ?? (branch ? `refs/heads/${branch}` : null),
    branch,
    commitSha: input.commit_sha ?? null,
    commitMessage: input.commit_message ?? null,
    version: input.version ?? null,
    buildConfig: {
      platforms: input.platforms ?? project.defaultPlatforms,
      formats: input.formats ?? project.defaultFormats,
      release_type: input.release_type ?? defaults.releaseType,
      flags: { ...defaults.flags, ...input.flags },
    },
  };
}

export async function queueBuild(db: Db, orgId: string, projectId: string, input: QueueBuildInput, source: "api" | "dashboard", now = new Date()) {
  const project = await getProject(db, orgId, projectId);
  return createBuildAndAnnounce(db, buildRequestFromInput(project, input, source), now);
}
