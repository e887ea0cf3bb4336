import { handle, routes } from "@/lib/api";
import { listEvents, toEventResource } from "@/lib/delivery";

export const GET = handle(routes.listEvents, async ({ db, orgId, query }) => {
  const page = await listEvents(db, orgId, query);
  return { data: page.items.map(toEventResource), next_cursor: page.nextCursor };
});
