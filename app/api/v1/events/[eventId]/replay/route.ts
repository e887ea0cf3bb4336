import { handle, routes } from "@/lib/api";
import { deliveryContext, replayEvent } from "@/lib/delivery";

export const POST = handle(routes.replayEvent, async ({ db, orgId, actor, params, body }) => {
  return replayEvent(deliveryContext(db), orgId, params.eventId, body.webhook_id, actor);
});
