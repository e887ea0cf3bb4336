"use server";

import { runAction } from "@/lib/api/action-result";
import { parseWith } from "@/lib/api/parse";
import { pageQuerySchema } from "@/lib/api/pagination";
import { requireOrgAction } from "@/lib/auth/session";
import {
  cancelBuild,
  deployBuild,
  deployInput,
  getBuild,
  listBuilds,
  queueBuild,
  queueBuildInput,
  toBuildDetailResource,
  toBuildResource,
  toDeploymentResource,
} from "@/lib/builds";

export async function listBuildsAction(orgId: string, projectId: string, query: unknown) {
  return runAction(async () => {
    const { db } = await requireOrgAction(orgId, "builds:read");
    const page = await listBuilds(db, orgId, projectId, parseWith(pageQuerySchema, query));
    return { items: page.items.map(toBuildResource), nextCursor: page.nextCursor };
  });
}

export async function getBuildAction(orgId: string, buildId: string) {
  return runAction(async () => {
    const { db } = await requireOrgAction(orgId, "builds:read");
    return toBuildDetailResource(await getBuild(db, orgId, buildId));
  });
}

export async function queueBuildAction(orgId: string, projectId: string, input: unknown) {
  return runAction(async () => {
    const { db } = await requireOrgAction(orgId, "builds:write");
    return toBuildResource(await queueBuild(db, orgId, projectId, parseWith(queueBuildInput, input), "dashboard"));
  });
}

export async function cancelBuildAction(orgId: string, buildId: string) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "builds:write");
    return toBuildResource(await cancelBuild(db, orgId, buildId, actor));
  });
}

export async function deployBuildAction(orgId: string, buildId: string, input: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "builds:write");
    return toDeploymentResource(await deployBuild(db, orgId, buildId, parseWith(deployInput, input), actor));
  });
}
