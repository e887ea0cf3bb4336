import { z } from "zod";
import { json, withApiKey } from "@/lib/api";
import { EVENT_CATALOG } from "@/lib/webhooks";

export const GET = withApiKey({ permission: "webhooks:read" }, async () => {
  return json({
    data: EVENT_CATALOG.map((e) => ({
      type: e.type,
      group: e.group,
      description: e.description,
      example: e.example,
      schema: z.toJSONSchema(e.schema),
    })),
    next_cursor: null,
  });
});
