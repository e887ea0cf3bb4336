import { handle, routes } from "@/lib/api";
import { getEvent, toEventResource } from "@/lib/delivery";

export const GET = handle(routes.getEvent, async ({ db, orgId, params }) => {
  return toEventResource(await getEvent(db, orgId, params.eventId));
});
