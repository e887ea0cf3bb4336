import Link from "next/link";
import { EmptyState } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/time";
import type { ProjectResource } from "@/lib/projects/schemas";
import { NewProjectButton } from "./new-project-dialog";

export function ProjectList({ orgId, projects, canWrite }: { orgId: string; projects: ProjectResource[]; canWrite: boolean }) {
  if (projects.length === 0) {
    return (
      <EmptyState
        title="No projects yet"
        description={
          canWrite
            ? "Create a project to trigger builds from GitHub or your CI and send their events to your endpoints."
            : "Developers, admins and owners create projects: each triggers builds from GitHub or CI and sends their events to your endpoints."
        }
        action={canWrite && <NewProjectButton orgId={orgId} />}
      />
    );
  }
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Projects">
      {projects.map((project) => (
        <li key={project.id}>
          <Link
            href={`/orgs/${orgId}/projects/${project.id}`}
            className="block h-full rounded-xl bg-white p-5 shadow-xs ring-1 ring-neutral-200 transition hover:ring-brand-500 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <h2 className="font-semibold text-neutral-900">{project.name}</h2>
            <p className="mt-1 line-clamp-2 min-h-10 text-sm text-neutral-600">{project.description || "No description."}</p>
            <dl className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-xs text-neutral-500">
              {project.repository && (
                <div>
                  <dt className="sr-only">Repository</dt>
                  <dd className="font-mono">{project.repository}</dd>
                </div>
              )}
              <div>
                <dt className="sr-only">Default branch</dt>
                <dd>branch {project.default_branch}</dd>
              </div>
              <div>
                <dt className="sr-only">Created</dt>
                <dd>
                  created <RelativeTime date={project.created_at} />
                </dd>
              </div>
            </dl>
          </Link>
        </li>
      ))}
    </ul>
  );
}
