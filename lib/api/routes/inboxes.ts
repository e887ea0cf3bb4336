import { createInboxInput, INBOX_CREATIONS_PER_HOUR, INBOXES_PER_ORGANIZATION, inboxRequestQuery, inboxRequestResource, inboxResource } from "@/lib/webhooks";
import { pageQuerySchema } from "@/lib/validation";
import { defineRoutes, deletedResource, listOf } from "../route";

const tag = "Inboxes";

// Test inboxes (docs/delivery.md#test-inbox): URLs served by this app that record what is sent to them.
export const inboxRoutes = defineRoutes({
  listInboxes: {
    method: "GET",
    path: "/inboxes",
    summary: "List test inboxes that have not expired",
    tag,
    auth: { apiKey: "webhooks:read" },
    query: pageQuerySchema,
    response: listOf(inboxResource),
  },
  createInbox: {
    method: "POST",
    path: "/inboxes",
    summary: `Create a test inbox (at most ${INBOXES_PER_ORGANIZATION} open per organization, 409 over it; ${INBOX_CREATIONS_PER_HOUR} created per hour, 429 over it)`,
    tag,
    auth: { apiKey: "webhooks:write" },
    body: createInboxInput,
    example: { name: "Release notifier test" },
    status: 201,
    response: inboxResource,
  },
  getInbox: { method: "GET", path: "/inboxes/{inboxId}", summary: "Get a test inbox", tag, auth: { apiKey: "webhooks:read" }, response: inboxResource },
  deleteInbox: {
    method: "DELETE",
    path: "/inboxes/{inboxId}",
    summary: "Delete a test inbox and its requests",
    tag,
    auth: { apiKey: "webhooks:write" },
    response: deletedResource,
  },
  listInboxRequests: {
    method: "GET",
    path: "/inboxes/{inboxId}/requests",
    summary: "List the requests a test inbox received, newest first, with signature checks against an endpoint",
    tag,
    auth: { apiKey: "webhooks:read" },
    query: pageQuerySchema.extend(inboxRequestQuery.shape),
    response: listOf(inboxRequestResource),
  },
});
