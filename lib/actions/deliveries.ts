"use server";
// Dashboard actions on deliveries and events: the log, resend, recover and replay.
import { z } from "zod";
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
import { idSchema } from "@/lib/validation";
import { listEndpointNames } from "@/lib/webhooks";
import { orgAction, withRef } from "./guard";

export const listDeliveriesAction = orgAction("webhooks:read", deliveryListQuery, async (query, { db, orgId }) => {
  const page = await listDeliveries(db, orgId, query);
  return { items: page.items.map(toDeliveryResource), nextCursor: page.nextCursor };
});

export const getDeliveryAction = orgAction("webhooks:read", z.object({ deliveryId: idSchema }), async ({ deliveryId }, { db, orgId }) => {
  return toDeliveryDetailResource(await getDelivery(db, orgId, deliveryId));
});

export const resendDeliveryAction = orgAction("deliveries:write", z.object({ deliveryId: idSchema }), async ({ deliveryId }, { db, orgId, actor }) => {
  return resendDelivery(deliveryContext(db), orgId, deliveryId, actor);
});

export const recoverDeliveriesAction = orgAction(
  "deliveries:write",
  withRef({ endpointId: idSchema }, recoverInput),
  async ({ endpointId, since, until }, { db, orgId, actor }) => {
    const dates = { since: new Date(since), until: until ? new Date(until) : undefined };
    return recoverFailedDeliveries(deliveryContext(db), orgId, endpointId, dates, actor);
  },
);

export const listEndpointNamesAction = orgAction("webhooks:read", z.object({}), async (_input, { db, orgId }) => {
  return listEndpointNames(db, orgId);
});

export const replayEventAction = orgAction(
  "deliveries:write",
  z.object({ eventId: idSchema, endpointId: idSchema }),
  async ({ eventId, endpointId }, { db, orgId, actor }) => {
    return replayEvent(deliveryContext(db), orgId, eventId, endpointId, actor);
  },
);
