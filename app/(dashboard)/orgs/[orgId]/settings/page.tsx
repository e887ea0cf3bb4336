import { OrganizationDangerZone } from "@/components/members/organization-danger-zone";
import { PageHeader } from "@/components/ui/card";
import { DetailList } from "@/components/ui/detail-list";
import { SectionCard } from "@/components/ui/section-card";
import { RelativeTime } from "@/components/ui/time";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";

export const metadata = { title: "Organization settings" };

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, role } = await requireOrgPage(orgId);
  const org = await db.organization.findUniqueOrThrow({
    where: { id: orgId },
    select: { name: true, createdAt: true, _count: { select: { memberships: true, projects: true } } },
  });
  return (
    <div className="space-y-8">
      <PageHeader title="Settings" description={`The ${org.name} organization.`} />
      <SectionCard id="organization" title="Organization">
        <div className="-mx-5 -my-4">
          <DetailList
            rows={[
              ["Name", org.name],
              ["ID", <code key="id" className="font-mono text-xs">{orgId}</code>],
              ["Your role", <span key="role" className="capitalize">{role}</span>],
              ["Members", org._count.memberships],
              ["Projects", org._count.projects],
              ["Created", <RelativeTime key="created" date={org.createdAt} />],
            ]}
          />
        </div>
      </SectionCard>
      <OrganizationDangerZone orgId={orgId} orgName={org.name} canDelete={can({ kind: "role", role }, "org:delete")} />
    </div>
  );
}
