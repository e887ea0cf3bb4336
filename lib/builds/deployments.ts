// Deployments (docs/triggers.md#builds): a succeeded build goes to an environment → deployment.created →
// deployment.succeeded | failed | canceled, each event in the change's transaction.
import { recordAudit, type Actor } from "@/lib/audit";
import { newId, type Db } from "@/lib/db";
import { announceMessages, publishEventIn } from "@/lib/delivery";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { toDeploymentResource } from "./resources";
import type { DeployEnvironment } from "./schemas";

export type DeploymentOutcome = "succeeded" | "failed" | "canceled";

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
        createdAt: now,
      },
    });
    const project = { id: build.project.id, name: build.project.name };
    const published = await publishEventIn(tx, { orgId, projectId: project.id, type: "deployment.created", data: { deployment: toDeploymentResource(created), project } }, now);
    return { deployment: created, message: published.message };
  });
  await announceMessages([message]);
  await recordAudit(db, orgId, actor, "deployment.created", { type: "deployment", id: deployment.id }, { build_id: buildId, environment: input.environment });
  return deployment;
}

/** Ends a deployment that is still in progress (`created`); 409 once it has ended. */
export async function finishDeployment(db: Db, orgId: string, deploymentId: string, outcome: DeploymentOutcome, error?: string | null, now = new Date()) {
  const { deployment, message } = await db.$transaction(async (tx) => {
    const current = await tx.deployment.findFirst({ where: { id: deploymentId, organizationId: orgId }, include: { project: { select: { id: true, name: true } } } });
    if (!current) throw new NotFoundError("Deployment", deploymentId);
    const changed = await tx.deployment.updateMany({
      where: { id: current.id, status: "created" },
      data: { status: outcome, finishedAt: now, errorMessage: outcome === "failed" ? (error ?? "The deployment failed.") : null },
    });
    if (changed.count === 0) throw new ConflictError(`Deployment ${current.id} is ${current.status}; it cannot become ${outcome}.`);
    const after = await tx.deployment.findUniqueOrThrow({ where: { id: current.id } });
    const published = await publishEventIn(
      tx,
      { orgId, projectId: current.projectId, type: `deployment.${outcome}`, data: { deployment: toDeploymentResource(after), project: current.project } },
      now,
    );
    return { deployment: after, message: published.message };
  });
  await announceMessages([message]);
  return deployment;
}
