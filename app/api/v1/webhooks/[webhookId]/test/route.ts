import { json, withApiKey } from "@/lib/api";
import { deliveryContext } from "@/lib/delivery/context";
import { sendTestEvent } from "@/lib/webhooks";

export const POST = withApiKey<{ webhookId: string }>({ permission: "webhooks:write" }, async (_req, { db, orgId, actor, params }) => {
  return json(await sendTestEvent(deliveryContext(db), orgId, params.webhookId, actor));
});
