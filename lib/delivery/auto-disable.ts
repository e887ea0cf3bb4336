// Telling an organization that the platform disabled one of its endpoints: the webhooks
// concept changes the endpoint's state (410 Gone, 5 days of failures); delivery publishes
// `endpoint.disabled` for it (docs/delivery.md#endpoint-state).
import type { Db } from "@/lib/db";
import { disableFailingEndpoints, endpointDisabledEventData, type DisabledEndpoint } from "@/lib/webhooks";
import type { DeliveryContext } from "./context";
import { announceMessages } from "./engine";
import { publishEventsIn } from "./publish";

/** Publishes `endpoint.disabled` for each endpoint the platform just disabled. */
export async function publishEndpointsDisabled(db: Db, disabled: DisabledEndpoint[], now: Date) {
  if (disabled.length === 0) return;
  const { messages } = await db.$transaction((tx) =>
    publishEventsIn(
      tx,
      disabled.map((endpoint) => ({
        orgId: endpoint.organizationId,
        projectId: endpoint.projectId,
        type: "endpoint.disabled" as const,
        data: endpointDisabledEventData(endpoint),
      })),
      now,
    ),
  );
  await announceMessages(messages);
}

/**
 * The scheduled sweep: the core disables an endpoint on its first failed attempt after 5 days
 * of failing, but an endpoint with no new traffic never has that attempt. Returns their ids.
 */
export async function disableStaleEndpoints(ctx: DeliveryContext): Promise<string[]> {
  const now = ctx.now();
  const disabled = await disableFailingEndpoints(ctx.db, now);
  await publishEndpointsDisabled(ctx.db, disabled, now);
  return disabled.map((e) => e.id);
}
