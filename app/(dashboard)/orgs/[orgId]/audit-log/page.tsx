import { AuditLog } from "@/components/audit/audit-log";
import { filtersFromSearchParams } from "@/components/audit/filters";
import { PageHeader } from "@/components/ui/card";
import { auditFilterOptions } from "@/lib/audit";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";

export const metadata = { title: "Audit log" };

export default async function AuditLogPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { orgId } = await params;
  const { db, role } = await requireOrgPage(orgId);
  const header = (
    <PageHeader
      title="Audit log"
      description="Who changed what, when and from where: secrets, keys, endpoints, projects and members. Filter by action, actor, object or time; the address bar keeps the filters, so a filtered view can be shared."
    />
  );
  if (!can({ kind: "role", role }, "audit:read")) {
    return (
      <>
        {header}
        <p role="note" className="rounded-md bg-neutral-100 px-4 py-3 text-sm text-neutral-700">
          Reading the audit log needs the admin role: only admins and owners can open it.
        </p>
      </>
    );
  }
  const [options, filters] = await Promise.all([auditFilterOptions(db, orgId), searchParams.then(filtersFromSearchParams)]);
  return (
    <>
      {header}
      <AuditLog orgId={orgId} options={options} initialFilters={filters} />
    </>
  );
}
