"use server";
// Dashboard actions of the Test inbox page (the API's twins are under app/api/v1/inboxes).
import { headers } from "next/headers";
import { z } from "zod";
import { appOrigin } from "@/lib/organizations";
import { idSchema, pageQuerySchema } from "@/lib/validation";
import { createInbox, createInboxInput, deleteInbox, listInboxes, listInboxRequests, revealsEndpointSecrets, toInboxResource } from "@/lib/webhooks";
import { orgAction } from "./guard";

const inboxRef = z.object({ inboxId: idSchema });

export const listInboxesAction = orgAction("webhooks:read", z.object({ cursor: pageQuerySchema.shape.cursor }), async ({ cursor }, { db, orgId }) => {
  const page = await listInboxes(db, orgId, { limit: 50, cursor });
  return { items: page.items.map(toInboxResource), nextCursor: page.nextCursor };
});

export const createInboxAction = orgAction("webhooks:write", createInboxInput, async (input, { db, orgId, actor }) => {
  // The URL starts with this app's public origin: APP_URL, else the host the dashboard was opened at.
  return toInboxResource(await createInbox(db, orgId, input, appOrigin(await headers()), actor));
});

export const deleteInboxAction = orgAction("webhooks:write", inboxRef, async ({ inboxId }, { db, orgId, actor }) => {
  const inbox = await deleteInbox(db, orgId, inboxId, actor);
  return { id: inbox.id, name: inbox.name };
});

/** The inbox's newest requests; with `webhookId`, each one's signatures checked against that endpoint's active secrets. */
export const listInboxRequestsAction = orgAction(
  "webhooks:read",
  inboxRef.extend({ webhookId: idSchema.optional(), cursor: pageQuerySchema.shape.cursor }),
  async ({ inboxId, webhookId, cursor }, { db, orgId, role }) => {
    const reveal = revealsEndpointSecrets({ kind: "role", role });
    return listInboxRequests(db, orgId, inboxId, { webhookId }, { limit: 25, cursor }, { reveal });
  },
);
