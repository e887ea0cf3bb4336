import { handle, routes } from "@/lib/api";
import { EVENT_CATALOG, toEventTypeResource } from "@/lib/webhooks";

export const GET = handle(routes.listEventTypes, async () => {
  return { data: EVENT_CATALOG.map(toEventTypeResource), next_cursor: null };
});
