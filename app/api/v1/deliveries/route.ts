import { handle, routes } from "@/lib/api";
import { listDeliveries, toDeliveryResource } from "@/lib/delivery";

export const GET = handle(routes.listDeliveries, async ({ db, orgId, query }) => {
  const page = await listDeliveries(db, orgId, query);
  return { data: page.items.map(toDeliveryResource), next_cursor: page.nextCursor };
});
