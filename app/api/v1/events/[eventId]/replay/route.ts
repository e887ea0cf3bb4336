import { json, parseBody, withApiKey } from "@/lib/api";
import { deliveryContext, replayEvent, replayInput } from "@/lib/delivery";

export const POST = withApiKey<{ eventId: string }>({ permission: "deliveries:write" }, async (req, { db, orgId, actor, params }) => {
  const { webhook_id } = await parseBody(req, replayInput);
  return json(await replayEvent(deliveryContext(db), orgId, params.eventId, webhook_id, actor), { status: 202 });
});
