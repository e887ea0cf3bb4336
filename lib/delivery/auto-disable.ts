// Auto-disable for quiet endpoints (§3.4): the delivery core disables an endpoint on the
// first failed attempt after 5 days of failing, but an endpoint that gets no new traffic
// never has that attempt. This sweep applies the same rule on a schedule.
import type { DeliveryContext } from "./context";
import { disableEndpoints } from "./core";
import { AUTO_DISABLE_AFTER_MS, AUTO_DISABLE_REASON } from "./retry-policy";

/** Disables every active endpoint failing for 5 days or more. Returns their ids. */
export async function disableStaleEndpoints(ctx: DeliveryContext): Promise<string[]> {
  const now = ctx.now();
  const stale = await ctx.db.endpoint.findMany({
    where: { active: true, failingSince: { lte: new Date(now.getTime() - AUTO_DISABLE_AFTER_MS) } },
    select: { id: true },
    orderBy: { failingSince: "asc" },
  });
  const ids = stale.map((e) => e.id);
  if (ids.length) await disableEndpoints(ctx, ids, AUTO_DISABLE_REASON, now);
  return ids;
}
