import { NewProjectButton } from "@/components/projects/new-project-dialog";
import { ProjectList } from "@/components/projects/project-list";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { listProjects, toProjectResource } from "@/lib/projects";

export const metadata = { title: "Projects" };

export default async function ProjectsPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, role } = await requireOrgPage(orgId, "projects:read");
  const page = await listProjects(db, orgId, { limit: 100 });
  const canWrite = can({ kind: "role", role }, "projects:write");
  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project has its own build triggers, builds, and webhook endpoints."
        actions={canWrite && <NewProjectButton orgId={orgId} />}
      />
      <ProjectList orgId={orgId} projects={page.items.map(toProjectResource)} canWrite={canWrite} />
    </>
  );
}
