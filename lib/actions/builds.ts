"use server";
// Dashboard actions on builds: list, read, queue, cancel, deploy; a project's deployments.
import { z } from "zod";
import {
  cancelBuild,
  deployBuild,
  deployInput,
  getBuild,
  listBuilds,
  listDeployments,
  queueBuild,
  queueBuildInput,
  toBuildDetailResource,
  toBuildResource,
  toDeploymentResource,
} from "@/lib/builds";
import { idSchema, pageQuerySchema } from "@/lib/validation";
import { orgAction, withRef } from "./guard";

const buildRef = z.object({ buildId: idSchema });

export const listBuildsAction = orgAction(
  "builds:read",
  pageQuerySchema.extend({ projectId: idSchema }),
  async ({ projectId, ...page }, { db, orgId }) => {
    const result = await listBuilds(db, orgId, projectId, page);
    return { items: result.items.map(toBuildResource), nextCursor: result.nextCursor };
  },
);

export const getBuildAction = orgAction("builds:read", buildRef, async ({ buildId }, { db, orgId }) => {
  return toBuildDetailResource(await getBuild(db, orgId, buildId));
});

export const queueBuildAction = orgAction(
  "builds:write",
  withRef({ projectId: idSchema }, queueBuildInput),
  async ({ projectId, ...build }, { db, orgId }) => {
    return toBuildResource(await queueBuild(db, orgId, projectId, build, "dashboard"));
  },
);

export const cancelBuildAction = orgAction("builds:write", buildRef, async ({ buildId }, { db, orgId, actor }) => {
  return toBuildResource(await cancelBuild(db, orgId, buildId, actor));
});

export const deployBuildAction = orgAction("builds:write", buildRef.extend(deployInput.shape), async ({ buildId, ...input }, { db, orgId, actor }) => {
  return toDeploymentResource(await deployBuild(db, orgId, buildId, input, actor));
});

export const listDeploymentsAction = orgAction(
  "builds:read",
  pageQuerySchema.extend({ projectId: idSchema }),
  async ({ projectId, ...page }, { db, orgId }) => {
    const result = await listDeployments(db, orgId, projectId, page);
    return { items: result.items.map(toDeploymentResource), nextCursor: result.nextCursor };
  },
);
