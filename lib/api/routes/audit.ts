import { auditEntryResource, auditListQuery } from "@/lib/audit";
import { defineRoutes, listOf } from "../route";

export const auditRoutes = defineRoutes({
  listAuditLog: {
    method: "GET",
    path: "/audit-log",
    summary: "List the organization's audit log, newest first (filters combine)",
    tag: "Audit log",
    auth: { apiKey: "audit:read" },
    query: auditListQuery,
    response: listOf(auditEntryResource),
  },
});
