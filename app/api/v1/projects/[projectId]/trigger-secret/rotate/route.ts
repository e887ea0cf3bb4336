import { json, withApiKey } from "@/lib/api";
import { rotateProjectSecret } from "@/lib/triggers";

export const POST = withApiKey<{ projectId: string }>({ permission: "secrets:manage" }, async (_req, { db, orgId, actor, params }) => {
  return json(await rotateProjectSecret(db, orgId, params.projectId, "trigger", actor), { headers: { "cache-control": "no-store" } });
});
