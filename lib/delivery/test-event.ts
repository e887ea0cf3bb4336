// "Send test event": a webhook.test event delivered to one endpoint right away, through the
// real signer and sender, recorded in the delivery log like any other. At most
// TEST_SENDS_PER_MINUTE per organization (API and dashboard together): each one is an outbound
// request whose answer the caller reads.
import type { Actor } from "@/lib/audit";
import { newId } from "@/lib/db";
import { defaultRateLimitStore, enforceRateLimit } from "@/lib/rate-limit";
import { getEndpoint } from "@/lib/webhooks";
import type { DeliveryContext } from "./context";
import { runDeliveries } from "./core";
import type { TestEventResult } from "./schemas";

export const TEST_SENDS_PER_MINUTE = 60;

export async function sendTestEvent(ctx: DeliveryContext, orgId: string, endpointId: string, actor: Actor): Promise<TestEventResult> {
  const now = ctx.now();
  await enforceRateLimit(
    defaultRateLimitStore(ctx.db),
    `test-send:${orgId}`,
    now,
    { limit: TEST_SENDS_PER_MINUTE, windowMs: 60_000 },
    (r) => `Rate limit: at most ${r.limit} test events per minute for this organization. Try again in ${r.resetSeconds} s.`,
  );
  const endpoint = await getEndpoint(ctx.db, orgId, endpointId);
  const messageId = newId("evt", now.getTime());
  const deliveryId = newId("del", now.getTime());
  await ctx.db.$transaction([
    ctx.db.message.create({
      data: {
        id: messageId,
        organizationId: orgId,
        projectId: endpoint.projectId,
        type: "webhook.test",
        payload: {
          message: "This is a test event from Control Center. If you can read this, your endpoint works.",
          endpoint: { id: endpoint.id, name: endpoint.name },
          sent_by: actor.label,
        },
        createdAt: now,
      },
    }),
    ctx.db.delivery.create({
      data: { id: deliveryId, organizationId: orgId, messageId, endpointId: endpoint.id, nextTrigger: "test", createdAt: now },
    }),
  ]);
  const [{ result, decision }] = await runDeliveries(ctx, [deliveryId], "test");
  const succeeded = decision.status === "succeeded";
  return {
    delivery_id: deliveryId,
    event_id: messageId,
    status: succeeded ? "succeeded" : "failed",
    response_status: result.status,
    duration_ms: result.durationMs,
    response_body: result.body,
    error: decision.lastError,
  };
}
