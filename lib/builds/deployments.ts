// Deployments (docs/triggers.md#deployments): a succeeded build goes to an environment → deployment.created →
// deployment.succeeded | failed | canceled, reported by the deployer (the demo runner in the embedded
// default). Each event is published in the change's transaction and carries the build's number,
// branch and commit.
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import { isPublicId, newId, type Db } from "@/lib/db";
import { announceMessages, publishEventIn } from "@/lib/delivery";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { getProject } from "@/lib/projects/projects";
import { pageArgs, parseWith, toPage, type PageQuery } from "@/lib/validation";
import { DEPLOYED_BUILD, deploymentEventData } from "./resources";
import { deploymentStatusInput, type DeployEnvironment, type DeploymentStatusInput } from "./schemas";

/** The message of a failed deployment whose deployer gave none. */
export const DEFAULT_DEPLOYMENT_ERROR = "The deployment failed.";

function deploymentUrl(slug: string, environment: DeployEnvironment, number: number) {
  return environment === "production" ? `https://${slug}.example.com` : `https://${slug}-build-${number}.preview.example.com`;
}

export async function deployBuild(
  db: Db,
  orgId: string,
  buildId: string,
  input: { environment: DeployEnvironment },
  actor: Actor,
  now = new Date(),
) {
  if (!isPublicId(buildId)) throw new NotFoundError("Build", buildId);
  const { deployment, message } = await db.$transaction(async (tx) => {
    const build = await tx.build.findFirst({ where: { id: buildId, organizationId: orgId }, include: { project: true } });
    if (!build) throw new NotFoundError("Build", buildId);
    if (build.status !== "succeeded") {
      throw new ConflictError(`Build #${build.number} is ${build.status}; only succeeded builds can be deployed.`);
    }
    const created = await tx.deployment.create({
      data: {
        id: newId("dep", now.getTime()),
        organizationId: orgId,
        projectId: build.projectId,
        buildId: build.id,
        environment: input.environment,
        status: "created",
        url: deploymentUrl(build.project.slug, input.environment, build.number),
        createdBy: actor.label,
        createdAt: now,
      },
      include: { build: DEPLOYED_BUILD },
    });
    const published = await publishEventIn(tx, { orgId, projectId: build.projectId, type: "deployment.created", data: deploymentEventData(created, build.project) }, now);
    await recordAudit(tx, orgId, actor, "deployment.created", { type: "deployment", id: created.id }, { build_id: build.id, environment: input.environment });
    return { deployment: created, message: published.message };
  });
  await announceMessages([message]);
  return deployment;
}

/**
 * Ends a deployment that is still in progress (`created`) as the deployer reports it: `url`
 * replaces the deployment's URL when given, a failure keeps its message (or a default one).
 * 409 once the deployment has ended. Audited; publishes deployment.<status>.
 */
export async function reportDeploymentStatus(db: Db, orgId: string, deploymentId: string, input: DeploymentStatusInput, actor: Actor, now = new Date()) {
  const report = parseWith(deploymentStatusInput, input);
  if (!isPublicId(deploymentId)) throw new NotFoundError("Deployment", deploymentId);
  const { deployment, message } = await db.$transaction(async (tx) => {
    const current = await tx.deployment.findFirst({ where: { id: deploymentId, organizationId: orgId }, include: { project: { select: { id: true, name: true } } } });
    if (!current) throw new NotFoundError("Deployment", deploymentId);
    const failed = report.status === "failed";
    const changed = await tx.deployment.updateMany({
      where: { id: current.id, status: "created" },
      data: {
        status: report.status,
        finishedAt: now,
        url: report.url ?? undefined,
        errorMessage: failed ? (report.error_message ?? DEFAULT_DEPLOYMENT_ERROR) : null,
      },
    });
    if (changed.count === 0) {
      throw new ConflictError(`Deployment ${current.id} has already ended (${current.status}); only a deployment in progress can become ${report.status}.`);
    }
    const after = await tx.deployment.findUniqueOrThrow({ where: { id: current.id }, include: { build: DEPLOYED_BUILD } });
    const published = await publishEventIn(
      tx,
      { orgId, projectId: current.projectId, type: `deployment.${report.status}`, data: deploymentEventData(after, current.project) },
      now,
    );
    await recordAudit(tx, orgId, actor, `deployment.${report.status}`, { type: "deployment", id: current.id }, {
      build_id: current.buildId,
      environment: current.environment,
      ...(report.url ? { url: report.url } : {}),
      ...(failed ? { error_message: after.errorMessage } : {}),
    });
    return { deployment: after, message: published.message };
  });
  await announceMessages([message]);
  return deployment;
}

/** One deployment of the organization, with its build's number, branch and commit; NotFound for other orgs. */
export async function getDeployment(db: Db, orgId: string, deploymentId: string) {
  if (!isPublicId(deploymentId)) throw new NotFoundError("Deployment", deploymentId);
  const deployment = await db.deployment.findFirst({ where: { id: deploymentId, organizationId: orgId }, include: { build: DEPLOYED_BUILD } });
  if (!deployment) throw new NotFoundError("Deployment", deploymentId);
  return deployment;
}

/** A project's deployments, newest first, cursor-paginated. */
export async function listDeployments(db: Db, orgId: string, projectId: string, page: PageQuery) {
  const project = await getProject(db, orgId, projectId);
  const args = pageArgs(page);
  const rows = await db.deployment.findMany({
    ...args,
    where: { ...args.where, projectId: project.id, organizationId: orgId },
    include: { build: DEPLOYED_BUILD },
  });
  return toPage(rows, page);
}
