import { DomainsCard } from "@/components/projects/domains-card";
import { ProjectDangerZone } from "@/components/projects/project-danger-zone";
import { ProjectSettingsForm } from "@/components/projects/settings-form";
import { TabSection } from "@/components/ui/tab-section";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { listDomains, toDomainResource } from "@/lib/builds";
import { getProject, toProjectResource } from "@/lib/projects";

export const metadata = { title: "Settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const { db, role } = await requireOrgPage(orgId, "projects:read");
  const project = toProjectResource(await getProject(db, orgId, projectId));
  const domains = (await listDomains(db, orgId, project.id)).map(toDomainResource);
  const canWrite = can({ kind: "role", role }, "projects:write");
  return (
    <TabSection
      id="settings"
      title="Settings"
      className="max-w-4xl space-y-6"
      description={<p className="text-sm text-neutral-600">{project.name}&apos;s details, the defaults its builds start from, and its custom domains.</p>}
    >
      {/* Keyed by the saved values: a save elsewhere (another tab, the API) starts the form afresh. */}
      <ProjectSettingsForm key={project.updated_at} orgId={orgId} project={project} canWrite={canWrite} />
      <DomainsCard orgId={orgId} project={{ id: project.id, name: project.name }} initial={domains} canWrite={canWrite} />
      <ProjectDangerZone orgId={orgId} project={{ id: project.id, name: project.name }} canDelete={canWrite} />
    </TabSection>
  );
}
