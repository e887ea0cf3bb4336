import Link from "next/link";
import { ProjectTabs } from "@/components/shell/project-tabs";
import { requireOrgPage } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { getProject } from "@/lib/projects";
import { notFound } from "next/navigation";

export default async function ProjectLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ orgId: string; projectId: string }>;
}) {
  const { orgId, projectId } = await params;
  const { db } = await requireOrgPage(orgId, "projects:read");
  const project = await getProject(db, orgId, projectId).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-neutral-500">
        <Link href={`/orgs/${orgId}`} className="hover:text-neutral-800 hover:underline">
          Projects
        </Link>
        <span aria-hidden> / </span>
        <span className="text-neutral-800">{project.name}</span>
      </nav>
      <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
      {project.description && <p className="mt-1 max-w-2xl text-sm text-neutral-600">{project.description}</p>}
      <ProjectTabs base={`/orgs/${orgId}/projects/${projectId}`} />
      <div className="pt-6">{children}</div>
    </>
  );
}
