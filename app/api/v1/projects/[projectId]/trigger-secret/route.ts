import { json, withApiKey } from "@/lib/api";
import { revealProjectSecret } from "@/lib/triggers";

export const GET = withApiKey<{ projectId: string }>({ permission: "secrets:manage" }, async (_req, { db, orgId, actor, params }) => {
  return json(await revealProjectSecret(db, orgId, params.projectId, "trigger", actor), { headers: { "cache-control": "no-store" } });
});
