import { BuildList } from "@/components/builds/build-list";
import { QueueBuildButton } from "@/components/builds/queue-build-dialog";
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
    <section aria-labelledby="builds-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h2 id="builds-heading" className="text-lg font-semibold">
            Builds
          </h2>
          <p className="text-sm text-neutral-600">
            Every build of {project.name}, from queued to succeeded or failed, with artifacts and logs. The list refreshes by itself.
          </p>
        </div>
        {canWrite && (
          <QueueBuildButton
            orgId={orgId}
            projectId={project.id}
            defaults={{ defaultBranch: project.defaultBranch, defaultPlatforms: project.defaultPlatforms, defaultFormats: project.defaultFormats }}
          />
        )}
      </div>
      <BuildList orgId={orgId} projectId={project.id} />
    </section>
  );
}
