import Link from "next/link";
import { EndpointTable } from "@/components/webhooks/endpoint-table";
import { LinkButton } from "@/components/ui/link-button";
import { TabSection } from "@/components/ui/tab-section";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { getProject } from "@/lib/projects";
import { listEndpointNames, listEndpoints, webhookResourceFor, withHealth } from "@/lib/webhooks";

export const metadata = { title: "Webhooks" };

export default async function ProjectWebhooksPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const { db, role } = await requireOrgPage(orgId, "webhooks:read");
  const project = await getProject(db, orgId, projectId);
  const [page, heard] = await Promise.all([
    listEndpoints(db, orgId, { limit: 50 }, { projectId: project.id }),
    listEndpointNames(db, orgId, project.id),
  ]);
  const scoped = new Set(page.items.map((e) => e.id));
  // Endpoints that hear this project without being scoped to it are the organization-wide ones.
  const orgWide = page.nextCursor ? null : heard.filter((e) => !scoped.has(e.id)).length;
  const canWrite = can({ kind: "role", role }, "webhooks:write");
  const addHref = `/orgs/${orgId}/webhooks/new?project_id=${encodeURIComponent(project.id)}`;
  return (
    <TabSection
      id="webhooks"
      title="Webhooks"
      description={<p className="max-w-2xl text-sm text-neutral-600">Endpoints that only receive {project.name}&apos;s events.</p>}
      actions={canWrite && <LinkButton href={addHref}>Add endpoint</LinkButton>}
    >
      <p role="note" className="rounded-md bg-brand-50 px-4 py-2.5 text-sm text-brand-700 ring-1 ring-brand-100">
        {orgWide === null || orgWide === 0 ? "Organization-wide endpoints" : `${orgWide} organization-wide ${orgWide === 1 ? "endpoint" : "endpoints"}`}{" "}
        also {orgWide === 1 ? "receives" : "receive"} this project&apos;s events. Manage them on the{" "}
        <Link href={`/orgs/${orgId}/webhooks`} className="font-medium underline">
          organization&apos;s Webhooks page
        </Link>
        .
      </p>
      <EndpointTable
        orgId={orgId}
        projectId={project.id}
        initial={{ items: await withHealth(db, page.items, webhookResourceFor({ kind: "role", role }), new Date()), nextCursor: page.nextCursor }}
        projectNames={{ [project.id]: project.name }}
        canWrite={canWrite}
        addHref={addHref}
      />
    </TabSection>
  );
}
