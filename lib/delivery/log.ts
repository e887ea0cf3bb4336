// The delivery log (docs/delivery.md#attempts): deliveries with their attempts, and events, scoped to an organization.
import { pageArgs, toPage } from "@/lib/validation";
import type { Prisma } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { maskEndpointUrl } from "@/lib/webhooks";
import type { attemptResource, deliveryResource, DeliveryListQuery, eventResource } from "./schemas";
import type { z } from "zod";

const withMessage = { message: { select: { id: true, type: true, projectId: true, createdAt: true } }, endpoint: { select: { id: true, name: true } } } as const;

export async function listDeliveries(db: Db, orgId: string, query: DeliveryListQuery) {
  const args = pageArgs(query);
  const where: Prisma.DeliveryWhereInput = {
    ...args.where,
    organizationId: orgId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.webhook_id ? { endpointId: query.webhook_id } : {}),
    ...(query.event_id ? { messageId: query.event_id } : {}),
    ...(query.event_type || query.project_id
      ? { message: { ...(query.event_type ? { type: query.event_type } : {}), ...(query.project_id ? { projectId: query.project_id } : {}) } }
      : {}),
    ...(query.since || query.until
      ? { createdAt: { ...(query.since ? { gte: new Date(query.since) } : {}), ...(query.until ? { lt: new Date(query.until) } : {}) } }
      : {}),
  };
  const rows = await db.delivery.findMany({ ...args, where, include: withMessage });
  return toPage(rows, query);
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>["items"][number];

export async function getDelivery(db: Db, orgId: string, deliveryId: string) {
  const delivery = await db.delivery.findFirst({
    where: { id: deliveryId, organizationId: orgId },
    include: { ...withMessage, attempts: { orderBy: { number: "asc" } } },
  });
  if (!delivery) throw new NotFoundError("Delivery", deliveryId);
  return delivery;
}

export function toDeliveryResource(d: DeliveryRow): z.infer<typeof deliveryResource> {
  return {
    id: d.id,
    event_id: d.messageId,
    event_type: d.message.type,
    webhook_id: d.endpointId,
    webhook_name: d.endpoint.name,
    project_id: d.message.projectId,
    status: d.status,
    attempt_count: d.attemptCount,
    next_attempt_at: d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    last_response_status: d.lastResponseStatus,
    last_error: d.lastError,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}

type AttemptRow = Awaited<ReturnType<typeof getDelivery>>["attempts"][number];

export function toAttemptResource(a: AttemptRow): z.infer<typeof attemptResource> {
  return {
    id: a.id,
    number: a.number,
    trigger: a.trigger,
    sent_at: a.sentAt.toISOString(),
    // Recorded masked; attempts recorded before the URL was held as a secret are masked here.
    request_url: maskEndpointUrl(a.requestUrl),
    request_headers: a.requestHeaders as Record<string, string>,
    request_body: a.requestBody,
    response_status: a.responseStatus,
    response_headers: a.responseHeaders as Record<string, string> | null,
    response_body: a.responseBody,
    duration_ms: a.durationMs,
    error: a.error,
  };
}

export function toDeliveryDetailResource(d: Awaited<ReturnType<typeof getDelivery>>) {
  return { ...toDeliveryResource(d), attempts: d.attempts.map(toAttemptResource) };
}

export async function listEvents(db: Db, orgId: string, query: { limit: number; cursor?: string; type?: string; project_id?: string }) {
  const args = pageArgs(query);
  const rows = await db.message.findMany({
    ...args,
    where: {
      ...args.where,
      organizationId: orgId,
      ...(query.type ? { type: query.type } : {}),
      ...(query.project_id ? { projectId: query.project_id } : {}),
    },
  });
  return toPage(rows, query);
}

export async function getEvent(db: Db, orgId: string, eventId: string) {
  const message = await db.message.findFirst({ where: { id: eventId, organizationId: orgId } });
  if (!message) throw new NotFoundError("Event", eventId);
  return message;
}

export function toEventResource(m: Awaited<ReturnType<typeof getEvent>>): z.infer<typeof eventResource> {
  return { id: m.id, type: m.type, project_id: m.projectId, timestamp: m.createdAt.toISOString(), data: m.payload };
}
