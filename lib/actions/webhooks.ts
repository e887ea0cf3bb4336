"use server";
// Dashboard actions on webhook endpoints (the API's twins are under app/api/v1/webhooks).
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { deliveryContext, sendTestEvent } from "@/lib/delivery";
import { idSchema, pageQuerySchema } from "@/lib/validation";
import {
  createEndpoint,
  createWebhookInput,
  deleteEndpoint,
  getEndpoint,
  healthSeries,
  healthWindowQuery,
  listEndpoints,
  revealSecret,
  rotateSecret,
  rotateSecretInput,
  updateEndpoint,
  updateWebhookInput,
  webhookResourceFor,
  withHealth,
} from "@/lib/webhooks";
import type { OrgAccess } from "@/lib/auth/session";
import { orgAction, withRef } from "./guard";

// Endpoint changes show up in the org layout too (the auto-disabled banner), so the
// whole organization subtree is revalidated.
function revalidateOrg(orgId: string) {
  revalidatePath(`/orgs/${orgId}`, "layout");
}

const endpointRef = z.object({ endpointId: idSchema });

// Header values and the URL's secret parts are masked for members below developer.
const resourceFor = ({ role }: OrgAccess) => webhookResourceFor({ kind: "role", role });

export const listWebhooksAction = orgAction(
  "webhooks:read",
  z.object({ cursor: pageQuerySchema.shape.cursor, projectId: idSchema.optional() }),
  async ({ cursor, projectId }, access) => {
    const page = await listEndpoints(access.db, access.orgId, { limit: 50, cursor }, { projectId });
    return { items: await withHealth(access.db, page.items, resourceFor(access), new Date()), nextCursor: page.nextCursor };
  },
);

/** The endpoint's health and its series for the chart (docs/delivery.md#endpoint-health). */
export const webhookHealthAction = orgAction("webhooks:read", endpointRef.extend(healthWindowQuery.shape), async ({ endpointId, window }, { db, orgId }) => {
  const endpoint = await getEndpoint(db, orgId, endpointId);
  return healthSeries(db, endpoint, window, new Date());
});

export const createWebhookAction = orgAction("webhooks:write", createWebhookInput, async (input, access) => {
  const endpoint = await createEndpoint(access.db, access.orgId, input, access.actor);
  revalidateOrg(access.orgId);
  return resourceFor(access)(endpoint);
});

export const updateWebhookAction = orgAction(
  "webhooks:write",
  withRef({ endpointId: idSchema }, updateWebhookInput),
  async ({ endpointId, ...changes }, access) => {
    const endpoint = await updateEndpoint(access.db, access.orgId, endpointId, changes, access.actor);
    revalidateOrg(access.orgId);
    return resourceFor(access)(endpoint);
  },
);

export const deleteWebhookAction = orgAction("webhooks:write", endpointRef, async ({ endpointId }, { db, orgId, actor }) => {
  const endpoint = await deleteEndpoint(db, orgId, endpointId, actor);
  revalidateOrg(orgId);
  return { id: endpoint.id, name: endpoint.name };
});

export const sendTestEventAction = orgAction("webhooks:write", endpointRef, async ({ endpointId }, { db, orgId, actor }) => {
  return sendTestEvent(deliveryContext(db), orgId, endpointId, actor);
});

export const revealSecretAction = orgAction("webhooks:secrets", endpointRef, async ({ endpointId }, { db, orgId, actor }) => {
  // The secret functions take an endpoint id as given: ownership is checked here.
  const endpoint = await getEndpoint(db, orgId, endpointId);
  return revealSecret(db, orgId, endpoint.id, actor);
});

export const rotateSecretAction = orgAction(
  "webhooks:secrets",
  endpointRef.extend(rotateSecretInput.shape),
  async ({ endpointId, overlap_seconds }, { db, orgId, actor }) => {
    const endpoint = await getEndpoint(db, orgId, endpointId);
    return rotateSecret(db, orgId, endpoint.id, overlap_seconds, actor);
  },
);
