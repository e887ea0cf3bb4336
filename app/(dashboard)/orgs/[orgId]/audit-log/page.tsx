import { Badge } from "@/components/ui/badge";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { listAuditLog } from "@/lib/audit";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";

export const metadata = { title: "Audit log" };

export default async function AuditLogPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, role } = await requireOrgPage(orgId);
  const header = <PageHeader title="Audit log" description="Who changed what, when and from where: secrets, keys, endpoints and members." />;
  if (!can({ kind: "role", role }, "audit:read")) {
    return (
      <>
        {header}
        <p className="rounded-md bg-neutral-100 px-4 py-3 text-sm text-neutral-700">Only admins and owners can read the audit log.</p>
      </>
    );
  }
  const page = await listAuditLog(db, orgId, { limit: 100 });
  return (
    <>
      {header}
      {page.items.length === 0 ? (
        <EmptyState title="Nothing yet" description="Actions on secrets, keys, projects and endpoints appear here." />
      ) : (
        <Table label="Audit log" columns={["When", "Who", "Action", "Target", "From"]}>
          {page.items.map((entry) => (
            <tr key={entry.id}>
              <Td>
                <RelativeTime date={entry.createdAt} />
              </Td>
              <Td>
                <span className="text-neutral-900">{entry.actorLabel}</span>
                <span className="ml-2 text-xs text-neutral-500">{entry.actorType.replace("_", " ")}</span>
              </Td>
              <Td>
                <Badge tone="info">{entry.action}</Badge>
              </Td>
              <Td>
                <code className="font-mono text-xs">{entry.targetId ?? entry.targetType}</code>
              </Td>
              <Td className="text-xs text-neutral-500">{entry.ip ?? "—"}</Td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
}
