// The embedded engine's housekeeping (Inngest runs the same as crons): hourly, disable
// endpoints failing for 5 days that get no new traffic; every 6 hours, prune the delivery log
// and the endpoint health rollup.
import { config } from "@/lib/config";
import type { DeliveryContext } from "./context";
import { disableStaleEndpoints } from "./auto-disable";
import { pruneDeliveryLog, pruneHealthBuckets } from "./retention";

const HOUR = 3600_000;

export function startMaintenance(ctx: DeliveryContext, retentionDays = config().deliveryRetentionDays) {
  const run = (name: string, task: () => Promise<unknown>) => () =>
    task().catch((error) => console.error(`[maintenance] ${name} failed:`, error instanceof Error ? error.message : error));
  const disable = run("auto-disable", () => disableStaleEndpoints(ctx));
  const prune = run("retention", async () => {
    await pruneDeliveryLog(ctx.db, ctx.now(), retentionDays);
    await pruneHealthBuckets(ctx.db, ctx.now());
  });
  const first = setTimeout(() => {
    void disable();
    void prune();
  }, 60_000);
  const timers = [setInterval(disable, HOUR), setInterval(prune, 6 * HOUR)];
  for (const t of [first, ...timers]) t.unref();
  return {
    stop() {
      clearTimeout(first);
      timers.forEach(clearInterval);
    },
  };
}
