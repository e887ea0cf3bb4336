"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/api/action-result";
import { pageQuerySchema } from "@/lib/api/pagination";
import { parseWith } from "@/lib/api/parse";
import { requireOrgAction } from "@/lib/auth/session";
import { deliveryContext } from "@/lib/delivery/context";
import {
  createEndpoint,
  createWebhookInput,
  deleteEndpoint,
  getEndpoint,
  listEndpoints,
  revealSecret,
  rotateSecret,
  rotateSecretInput,
  sendTestEvent,
  toWebhookResource,
  updateEndpoint,
  updateWebhookInput,
} from "@/lib/webhooks";

// Endpoint changes show up in the org layout too (the auto-disabled banner), so the
// whole organization subtree is revalidated.
function revalidateOrg(orgId: string) {
  revalidatePath(`/orgs/${orgId}`, "layout");
}

export async function listWebhooksAction(orgId: string, query: { cursor?: string; projectId?: string }) {
  return runAction(async () => {
    const { db } = await requireOrgAction(orgId, "webhooks:read");
    const page = parseWith(pageQuerySchema, { limit: 50, cursor: query.cursor });
    const result = await listEndpoints(db, orgId, page, { projectId: query.projectId });
    return { items: result.items.map(toWebhookResource), nextCursor: result.nextCursor };
  });
}

export async function createWebhookAction(orgId: string, input: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "webhooks:write");
    const endpoint = await createEndpoint(db, orgId, parseWith(createWebhookInput, input), actor);
    revalidateOrg(orgId);
    return toWebhookResource(endpoint);
  });
}

export async function updateWebhookAction(orgId: string, endpointId: string, input: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "webhooks:write");
    const endpoint = await updateEndpoint(db, orgId, endpointId, parseWith(updateWebhookInput, input), actor);
    revalidateOrg(orgId);
    return toWebhookResource(endpoint);
  });
}

export async function setWebhookActiveAction(orgId: string, endpointId: string, active: boolean) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "webhooks:write");
    const endpoint = await updateEndpoint(db, orgId, endpointId, parseWith(updateWebhookInput, { active }), actor);
    revalidateOrg(orgId);
    return toWebhookResource(endpoint);
  });
}

export async function deleteWebhookAction(orgId: string, endpointId: string) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "webhooks:write");
    const endpoint = await deleteEndpoint(db, orgId, endpointId, actor);
    revalidateOrg(orgId);
    return { id: endpoint.id, name: endpoint.name };
  });
}

export async function sendTestEventAction(orgId: string, endpointId: string) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "webhooks:write");
    return sendTestEvent(deliveryContext(db), orgId, endpointId, actor);
  });
}

export async function revealSecretAction(orgId: string, endpointId: string) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "webhooks:secrets");
    // The secret functions take an endpoint id as given: ownership is checked here.
    const endpoint = await getEndpoint(db, orgId, endpointId);
    return revealSecret(db, orgId, endpoint.id, actor);
  });
}

export async function rotateSecretAction(orgId: string, endpointId: string, input: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "webhooks:secrets");
    const endpoint = await getEndpoint(db, orgId, endpointId);
    const { overlap_seconds } = parseWith(rotateSecretInput, input);
    return rotateSecret(db, orgId, endpoint.id, overlap_seconds, actor);
  });
}
