"use server";

import { runAction } from "@/lib/api/action-result";
import { parseWith } from "@/lib/api/parse";
import { requireOrgAction } from "@/lib/auth/session";
import {
  deliveryContext,
  deliveryListQuery,
  getDelivery,
  listDeliveries,
  recoverFailedDeliveries,
  recoverInput,
  replayEvent,
  resendDelivery,
  toDeliveryDetailResource,
  toDeliveryResource,
} from "@/lib/delivery";
import { listEndpointNames } from "@/lib/webhooks";

export async function listDeliveriesAction(orgId: string, query: unknown) {
  return runAction(async () => {
    const { db } = await requireOrgAction(orgId, "webhooks:read");
    const page = await listDeliveries(db, orgId, parseWith(deliveryListQuery, query));
    return { items: page.items.map(toDeliveryResource), nextCursor: page.nextCursor };
  });
}

export async function getDeliveryAction(orgId: string, deliveryId: string) {
  return runAction(async () => {
    const { db } = await requireOrgAction(orgId, "webhooks:read");
    return toDeliveryDetailResource(await getDelivery(db, orgId, deliveryId));
  });
}

export async function resendDeliveryAction(orgId: string, deliveryId: string) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "deliveries:write");
    return resendDelivery(deliveryContext(db), orgId, deliveryId, actor);
  });
}

export async function recoverDeliveriesAction(orgId: string, endpointId: string, input: unknown) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "deliveries:write");
    const { since, until } = parseWith(recoverInput, input);
    return recoverFailedDeliveries(deliveryContext(db), orgId, endpointId, { since: new Date(since), until: until ? new Date(until) : undefined }, actor);
  });
}

export async function listEndpointNamesAction(orgId: string) {
  return runAction(async () => {
    const { db } = await requireOrgAction(orgId, "webhooks:read");
    return listEndpointNames(db, orgId);
  });
}

export async function replayEventAction(orgId: string, eventId: string, endpointId: string) {
  return runAction(async () => {
    const { db, actor } = await requireOrgAction(orgId, "deliveries:write");
    return replayEvent(deliveryContext(db), orgId, eventId, endpointId, actor);
  });
}
