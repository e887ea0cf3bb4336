import { handle, routes } from "@/lib/api";
import { listAuditLog, toAuditEntryResource } from "@/lib/audit";

export const GET = handle(routes.listAuditLog, async ({ db, orgId, query }) => {
  const page = await listAuditLog(db, orgId, query);
  return { data: page.items.map(toAuditEntryResource), next_cursor: page.nextCursor };
});
