import { listResponse, parseQuery, withApiKey } from "@/lib/api";
import { eventListQuery, listEvents, toEventResource } from "@/lib/delivery";

export const GET = withApiKey({ permission: "webhooks:read" }, async (req, { db, orgId }) => {
  const page = await listEvents(db, orgId, parseQuery(req, eventListQuery));
  return listResponse(page.items.map(toEventResource), page.nextCursor);
});
