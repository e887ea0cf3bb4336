import { BuildList } from "@/components/builds/build-list";
import { QueueBuildButton } from "@/components/builds/queue-build-dialog";
import { TabSection } from "@/components/ui/tab-section";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { getProject } from "@/lib/projects";

export const metadata = { title: "Builds" };

export default async function ProjectBuildsPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const { db, role } = await requireOrgPage(orgId, "builds:read");
  const project = await getProject(db, orgId, projectId);
  const canWrite = can({ kind: "role", role }, "builds:write");
  return (
    <TabSection
      id="builds"
      title="Builds"
      description={
        <p className="text-sm text-neutral-600">
          Every build of {project.name}, from queued to succeeded or failed, with artifacts and logs. The list refreshes by itself.
        </p>
      }
      actions={
        canWrite && (
          <QueueBuildButton
            orgId={orgId}
            projectId={project.id}
            defaults={{
              defaultBranch: project.defaultBranch,
              defaultPlatforms: project.defaultPlatforms,
              defaultFormats: project.defaultFormats,
              defaultReleaseType: project.defaultReleaseType,
            }}
          />
        )
      }
    >
      <BuildList orgId={orgId} projectId={project.id} canQueue={canWrite} />
    </TabSection>
  );
}
