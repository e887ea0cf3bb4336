// An audit entry on the wire (GET /api/v1/audit-log and the dashboard), mapped once.
import type { AuditRow } from "./log";
import type { AuditEntryResource } from "./schemas";

export function toAuditEntryResource(row: AuditRow): AuditEntryResource {
  return {
    id: row.id,
    action: row.action,
    actor: { type: row.actorType as AuditEntryResource["actor"]["type"], id: row.actorId, label: row.actorLabel },
    resource: { type: row.targetType, id: row.targetId },
    metadata: row.metadata && typeof row.metadata === "object" && !Array.isArray(row.metadata) ? (row.metadata as Record<string, unknown>) : {},
    ip: row.ip,
    user_agent: row.userAgent,
    created_at: row.createdAt.toISOString(),
  };
}
