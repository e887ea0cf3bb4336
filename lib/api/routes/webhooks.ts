import { recoverInput, recoverResult, testEventResult } from "@/lib/delivery";
import {
  createWebhookInput,
  endpointHealthSeriesResource,
  healthWindowQuery,
  rotateSecretInput,
  secretResource,
  updateWebhookInput,
  webhookListQuery,
  webhookResource,
} from "@/lib/webhooks";
import { pageQuerySchema } from "@/lib/validation";
import { defineRoutes, deletedResource, listOf } from "../route";

const tag = "Webhooks";

export const webhookRoutes = defineRoutes({
  listWebhooks: {
    method: "GET",
    path: "/webhooks",
    summary: "List webhook endpoints",
    tag,
    auth: { apiKey: "webhooks:read" },
    query: pageQuerySchema.extend(webhookListQuery.shape),
    response: listOf(webhookResource),
  },
  createWebhook: {
    method: "POST",
    path: "/webhooks",
    summary: "Create a webhook endpoint",
    tag,
    auth: { apiKey: "webhooks:write" },
    body: createWebhookInput,
    example: { name: "Release notifier", url: "https://hooks.example.com/builds", events: ["build.succeeded", "build.failed"] },
    status: 201,
    response: webhookResource,
  },
  getWebhook: { method: "GET", path: "/webhooks/{webhookId}", summary: "Get a webhook endpoint", tag, auth: { apiKey: "webhooks:read" }, response: webhookResource },
  updateWebhook: {
    method: "PATCH",
    path: "/webhooks/{webhookId}",
    summary: "Update a webhook endpoint",
    tag,
    auth: { apiKey: "webhooks:write" },
    body: updateWebhookInput,
    example: { active: false },
    response: webhookResource,
  },
  deleteWebhook: { method: "DELETE", path: "/webhooks/{webhookId}", summary: "Delete a webhook endpoint", tag, auth: { apiKey: "webhooks:write" }, response: deletedResource },
  getWebhookHealth: {
    method: "GET",
    path: "/webhooks/{webhookId}/health",
    summary: "Get an endpoint's delivery health: success rate, latency and attempts per hour (24h) or per 6 hours (7d)",
    tag,
    auth: { apiKey: "webhooks:read" },
    query: healthWindowQuery,
    response: endpointHealthSeriesResource,
  },
  revealWebhookSecret: {
    method: "GET",
    path: "/webhooks/{webhookId}/secret",
    summary: "Reveal the signing secret(s)",
    tag,
    auth: { apiKey: "webhooks:secrets" },
    response: secretResource,
    noStore: true,
  },
  rotateWebhookSecret: {
    method: "POST",
    path: "/webhooks/{webhookId}/secret/rotate",
    summary: "Rotate the signing secret; the old one keeps signing during the overlap",
    tag,
    auth: { apiKey: "webhooks:secrets" },
    body: rotateSecretInput,
    example: { overlap_seconds: 86400 },
    response: secretResource,
    noStore: true,
  },
  sendTestEvent: {
    method: "POST",
    path: "/webhooks/{webhookId}/test",
    summary: "Send a webhook.test event now",
    tag,
    auth: { apiKey: "webhooks:write" },
    response: testEventResult,
  },
  recoverWebhookDeliveries: {
    method: "POST",
    path: "/webhooks/{webhookId}/recover",
    summary: "Resend every failed delivery since a time",
    tag: "Deliveries",
    auth: { apiKey: "deliveries:write" },
    body: recoverInput,
    example: { since: "2026-01-15T00:00:00Z" },
    status: 202,
    response: recoverResult,
  },
});

