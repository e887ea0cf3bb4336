// Projects: the unit builds, triggers and (optionally) endpoints belong to.
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import { can, requirementOf, type Grant } from "@/lib/auth/permissions";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";
import { randomToken, secretBox } from "@/lib/crypto";
import { isPublicId, newId, type Db } from "@/lib/db";
import { announceMessages, publishEventIn } from "@/lib/delivery";
import type { Prisma } from "@/lib/db/generated/client";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { slugify } from "@/lib/organizations";
import { RELEASE_TYPES, type CreateProjectInput, type ProjectResource, type ReleaseType, type UpdateProjectInput } from "./schemas";

export type ProjectRow = Awaited<ReturnType<Db["project"]["findFirstOrThrow"]>>;

/**
 * The release type and flags a build gets when its trigger leaves them out
 * (docs/triggers.md#build-defaults). Values the schema would refuse (a row edited by hand) read as
 * dev and are skipped.
 */
export function buildDefaultsOf(p: Pick<ProjectRow, "defaultReleaseType" | "defaultFlags">): { releaseType: ReleaseType; flags: Record<string, boolean> } {
  const releaseType = (RELEASE_TYPES as readonly string[]).includes(p.defaultReleaseType) ? (p.defaultReleaseType as ReleaseType) : "dev";
  const stored = p.defaultFlags && typeof p.defaultFlags === "object" && !Array.isArray(p.defaultFlags) ? p.defaultFlags : {};
  // By name: the database keeps JSON keys in its own order.
  const flags = Object.fromEntries(
    Object.entries(stored)
      .filter((entry): entry is [string, boolean] => typeof entry[1] === "boolean")
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return { releaseType, flags };
}

export function toProjectResource(p: ProjectRow): ProjectResource {
  const defaults = buildDefaultsOf(p);
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    description: p.description,
    repository: p.repository,
    default_branch: p.defaultBranch,
    default_platforms: p.defaultPlatforms,
    default_formats: p.defaultFormats,
    default_release_type: defaults.releaseType,
    default_flags: defaults.flags,
    trigger_body_signature: p.triggerBodySignature,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

async function assertNameFree(db: Db, orgId: string, name: string, exceptId?: string) {
  const slug = slugify(name);
  const taken = await db.project.findUnique({ where: { organizationId_slug: { organizationId: orgId, slug } } });
  if (taken && taken.id !== exceptId) {
    throw new ConflictError(`A project named "${taken.name}" already exists in this organization.`);
  }
  return slug;
}

/** A new trigger secret ("trg_…") or GitHub webhook secret. */
export function newProjectSecret(kind: "trigger" | "github"): string {
  return kind === "trigger" ? `trg_${randomToken(24)}` : randomToken(24);
}

function projectEventData(p: ProjectRow) {
  return {
    project: {
      id: p.id,
      name: p.name,
      description: p.description,
      repository: p.repository,
      default_branch: p.defaultBranch,
    },
  };
}

export async function createProject(db: Db, orgId: string, input: CreateProjectInput, actor: Actor) {
  const slug = await assertNameFree(db, orgId, input.name);
  const box = secretBox();
  const { project, message } = await db.$transaction(async (tx) => {
    const created = await tx.project.create({
      data: {
      id: newId("proj"),
      organizationId: orgId,
      name: input.name,
      slug,
      description: input.description ?? null,
      repository: input.repository ?? null,
      defaultBranch: input.default_branch,
      defaultPlatforms: input.default_platforms,
      defaultFormats: input.default_formats,
      defaultReleaseType: input.default_release_type ?? "dev",
      defaultFlags: input.default_flags ?? {},
      triggerSecretEncrypted: box.encrypt(newProjectSecret("trigger")),
      githubSecretEncrypted: box.encrypt(newProjectSecret("github")),
      },
    });
    const published = await publishEventIn(tx, { orgId, projectId: created.id, type: "project.created", data: projectEventData(created) });
    return { project: created, message: published.message };
  });
  await announceMessages([message]);
  await recordAudit(db, orgId, actor, "project.created", { type: "project", id: project.id }, { name: project.name });
  return project;
}

export async function listProjects(db: Db, orgId: string, page: PageQuery) {
  const args = pageArgs(page);
  const rows = await db.project.findMany({ ...args, where: { ...args.where, organizationId: orgId } });
  return toPage(rows, page);
}

/** A project of the organization, or NotFoundError (also for other organizations' projects). */
export async function getProject(db: Db, orgId: string, projectId: string) {
  if (!isPublicId(projectId)) throw new NotFoundError("Project", projectId);
  const project = await db.project.findFirst({ where: { id: projectId, organizationId: orgId } });
  if (!project) throw new NotFoundError("Project", projectId);
  return project;
}

export async function updateProject(db: Db, orgId: string, projectId: string, input: UpdateProjectInput, actor: Actor, grant: Grant) {
  // Turning body-only trigger signatures on or off changes how the trigger authenticates: like
  // revealing or rotating its secret, it needs secrets:manage (docs/triggers.md#body-signatures).
  if (input.trigger_body_signature !== undefined && !can(grant, "secrets:manage")) {
    throw new ForbiddenError(`Changing trigger_body_signature needs the permission to manage the project's secrets. ${requirementOf(grant, "secrets:manage")}`);
  }
  const project = await getProject(db, orgId, projectId);
  const slug = input.name ? await assertNameFree(db, orgId, input.name, project.id) : undefined;
  const { updated, message } = await db.$transaction(async (tx) => {
    const row = await tx.project.update({
      where: { id: project.id },
      data: {
        name: input.name,
        slug,
        description: input.description,
        repository: input.repository,
        defaultBranch: input.default_branch,
        defaultPlatforms: input.default_platforms,
        defaultFormats: input.default_formats,
        defaultReleaseType: input.default_release_type,
        defaultFlags: input.default_flags as Prisma.InputJsonValue | undefined,
        triggerBodySignature: input.trigger_body_signature,
      },
    });
    const published = await publishEventIn(tx, { orgId, projectId: row.id, type: "project.updated", data: projectEventData(row) });
    return { updated: row, message: published.message };
  });
  await announceMessages([message]);
  await recordAudit(db, orgId, actor, "project.updated", { type: "project", id: project.id }, {
    fields: Object.keys(input),
  });
  return updated;
}

export async function deleteProject(db: Db, orgId: string, projectId: string, actor: Actor) {
  const project = await getProject(db, orgId, projectId);
  const message = await db.$transaction(async (tx) => {
    await tx.project.delete({ where: { id: project.id } });
    // Its project-scoped endpoints went with it (cascade); organization-wide ones hear about it.
    return (await publishEventIn(tx, { orgId, projectId: project.id, type: "project.deleted", data: projectEventData(project) })).message;
  });
  await announceMessages([message]);
  await recordAudit(db, orgId, actor, "project.deleted", { type: "project", id: project.id }, { name: project.name });
  return project;
}
