// Getting deliveries through after the fact (docs/delivery.md#resend-recover-replay): resend one now, recover every failed
// delivery of an endpoint since a time, replay any event to an endpoint. Resends and
// replays keep the message's webhook-id, so receivers can de-duplicate. Resends (an outbound
// request right away) and replays are limited per organization, API and dashboard together;
// recover only requeues failed deliveries, so repeating it adds no work and it is not limited.
import { recordAudit, type Actor } from "@/lib/audit";
import { newId } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { defaultRateLimitStore, enforceRateLimit } from "@/lib/rate-limit";
import { getEndpoint } from "@/lib/webhooks/endpoints";
import type { DeliveryContext } from "./context";
import { runDeliveries } from "./core";
import { getEvent } from "./log";
import { announceDeliveries } from "./engine";
import { dueDeliveriesOfEndpoint } from "./inngest/deliveries-to-request";

export const RESENDS_PER_MINUTE = 120;
export const REPLAYS_PER_MINUTE = 120;

/** Counts one manual `what` against the organization's per-minute limit; over it, a 429. */
function holdManualLimit(ctx: DeliveryContext, orgId: string, what: "resend" | "replay", limit: number) {
  return enforceRateLimit(
    defaultRateLimitStore(ctx.db),
    `${what}:${orgId}`,
    ctx.now(),
    { limit, windowMs: 60_000 },
    (r) => `Rate limit: at most ${r.limit} ${what}s per minute for this organization. Try again in ${r.resetSeconds} s.`,
  );
}

/** Attempts the delivery again right now (a manual attempt) and returns its new state. */
export async function resendDelivery(ctx: DeliveryContext, orgId: string, deliveryId: string, actor: Actor) {
  await holdManualLimit(ctx, orgId, "resend", RESENDS_PER_MINUTE);
  const delivery = await ctx.db.delivery.findFirst({ where: { id: deliveryId, organizationId: orgId } });
  if (!delivery) throw new NotFoundError("Delivery", deliveryId);
  const [outcome] = await runDeliveries(ctx, [delivery.id], "manual");
  await recordAudit(ctx.db, orgId, actor, "delivery.resent", { type: "delivery", id: delivery.id }, {
    status: outcome.decision.status,
  });
  return { delivery_id: delivery.id, status: outcome.decision.status, attempt: outcome.attemptNumber, response_status: outcome.result.status };
}

function assertActive(endpoint: { active: boolean; name: string }) {
  if (!endpoint.active) throw new ConflictError(`Endpoint "${endpoint.name}" is disabled. Enable it first, then recover or replay.`);
}

/** Queues one manual attempt for every failed delivery of the endpoint created in [since, until). */
export async function recoverFailedDeliveries(
  ctx: DeliveryContext,
  orgId: string,
  endpointId: string,
  range: { since: Date; until?: Date },
  actor: Actor,
) {
  const endpoint = await getEndpoint(ctx.db, orgId, endpointId);
  assertActive(endpoint);
  const { count } = await ctx.db.delivery.updateMany({
    where: {
      organizationId: orgId,
      endpointId: endpoint.id,
      status: "failed",
      createdAt: { gte: range.since, ...(range.until ? { lt: range.until } : {}) },
    },
    data: { status: "pending", nextTrigger: "manual", nextAttemptAt: ctx.now(), leaseUntil: null },
  });
  await recordAudit(ctx.db, orgId, actor, "endpoint.recovered", { type: "endpoint", id: endpoint.id }, {
    since: range.since.toISOString(),
    until: range.until?.toISOString() ?? null,
    resent: count,
  });
  if (count) await announceDeliveries(() => dueDeliveriesOfEndpoint(ctx, orgId, endpoint.id));
  return { resent: count };
}

/** Sends an event (again) to an endpoint, whether or not it was subscribed when it happened. */
export async function replayEvent(ctx: DeliveryContext, orgId: string, eventId: string, endpointId: string, actor: Actor) {
  await holdManualLimit(ctx, orgId, "replay", REPLAYS_PER_MINUTE);
  const message = await getEvent(ctx.db, orgId, eventId);
  const endpoint = await getEndpoint(ctx.db, orgId, endpointId);
  assertActive(endpoint);
  const now = ctx.now();
  const delivery = await ctx.db.delivery.upsert({
    where: { messageId_endpointId: { messageId: message.id, endpointId: endpoint.id } },
    create: {
      id: newId("del", now.getTime()),
      organizationId: orgId,
      messageId: message.id,
      endpointId: endpoint.id,
      nextAttemptAt: now,
      nextTrigger: "manual",
    },
    update: { status: "pending", nextTrigger: "manual", nextAttemptAt: now, leaseUntil: null },
  });
  await recordAudit(ctx.db, orgId, actor, "event.replayed", { type: "event", id: message.id }, { webhook_id: endpoint.id });
  await announceDeliveries(async () => [{ deliveryId: delivery.id, endpointId: endpoint.id }]);
  return { delivery_id: delivery.id, status: delivery.status };
}
