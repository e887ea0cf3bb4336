"use server";
// Dashboard actions on the audit log: one filtered page at a time ("Load more" asks for the next).
import { auditListQuery, listAuditLog, toAuditEntryResource } from "@/lib/audit";
import { orgAction } from "./guard";

export const listAuditLogAction = orgAction("audit:read", auditListQuery, async (query, { db, orgId }) => {
  const page = await listAuditLog(db, orgId, query);
  return { items: page.items.map(toAuditEntryResource), nextCursor: page.nextCursor };
});
