import { json, withApiKey } from "@/lib/api";
import { getEvent, toEventResource } from "@/lib/delivery";

export const GET = withApiKey<{ eventId: string }>({ permission: "webhooks:read" }, async (_req, { db, orgId, params }) => {
  return json(toEventResource(await getEvent(db, orgId, params.eventId)));
});
