import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DetailList } from "@/components/ui/detail-list";
import { RelativeTime } from "@/components/ui/time";
import { requireOrgPage } from "@/lib/auth/session";
import { getProject, toProjectResource } from "@/lib/projects";

export default async function ProjectOverviewPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const { db } = await requireOrgPage(orgId, "projects:read");
  const project = toProjectResource(await getProject(db, orgId, projectId));
  const rows: [string, React.ReactNode][] = [
    ["Project ID", <IdWithCopy key="id" id={project.id} />],
    ["Repository", project.repository ? <span className="font-mono">{project.repository}</span> : "Not connected"],
    ["Default branch", <span key="b" className="font-mono">{project.default_branch}</span>],
    ["Default platforms", project.default_platforms.join(", ") || "—"],
    ["Default formats", project.default_formats.join(", ") || "—"],
    ["Created", <RelativeTime key="c" date={project.created_at} />],
  ];
  return (
    <Card className="max-w-3xl">
      <DetailList rows={rows} />
    </Card>
  );
}

function IdWithCopy({ id }: { id: string }) {
  return (
    <span className="flex items-center gap-3">
      <code className="font-mono text-xs">{id}</code>
      <CopyButton value={id} />
    </span>
  );
}
