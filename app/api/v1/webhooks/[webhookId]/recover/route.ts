import { json, parseBody, withApiKey } from "@/lib/api";
import { deliveryContext, recoverFailedDeliveries, recoverInput } from "@/lib/delivery";

export const POST = withApiKey<{ webhookId: string }>({ permission: "deliveries:write" }, async (req, { db, orgId, actor, params }) => {
  const input = await parseBody(req, recoverInput);
  const range = { since: new Date(input.since), until: input.until ? new Date(input.until) : undefined };
  return json(await recoverFailedDeliveries(deliveryContext(db), orgId, params.webhookId, range, actor), { status: 202 });
});
