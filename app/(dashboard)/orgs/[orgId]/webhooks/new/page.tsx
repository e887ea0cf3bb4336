import Link from "next/link";
import { Card, PageHeader } from "@/components/ui/card";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { UrlHint } from "@/components/webhooks/url-hint";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { listProjects } from "@/lib/projects";

export const metadata = { title: "Add endpoint" };

export default async function NewEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ orgId: string }>;
  searchParams: Promise<{ project_id?: string | string[]; url?: string | string[] }>;
}) {
  const { orgId } = await params;
  const { project_id, url } = await searchParams;
  const { db, role } = await requireOrgPage(orgId, "webhooks:read");
  const projects = (await listProjects(db, orgId, { limit: 100 })).items.map((p) => ({ id: p.id, name: p.name }));
  // Only a project of this organization preselects the scope.
  const project = projects.find((p) => p.id === project_id);
  const cfg = config();
  const back = project ? { href: `/orgs/${orgId}/projects/${project.id}/webhooks`, label: project.name } : { href: `/orgs/${orgId}/webhooks`, label: "Webhooks" };
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm text-neutral-500">
        <Link href={back.href} className="hover:text-neutral-800 hover:underline">
          {back.label}
        </Link>
        <span aria-hidden> / </span>
        <span className="text-neutral-800">New endpoint</span>
      </nav>
      <PageHeader
        title="Add endpoint"
        description="Tell Control Center where to POST events. You get a signing secret to verify them once the endpoint exists."
      />
      <Card className="max-w-4xl p-6">
        <EndpointForm
          orgId={orgId}
          projects={projects}
          defaultProjectId={project?.id ?? null}
          // "Create an endpoint for this inbox" passes the inbox URL; it is only a starting value.
          defaultUrl={typeof url === "string" ? url.slice(0, 2048) : undefined}
          urlHint={<UrlHint allowHttp={cfg.allowHttpEndpoints} allowPrivate={cfg.allowPrivateEndpoints} embedded={cfg.embedded} />}
          cancelHref={back.href}
          signatureHeaderPrefix={cfg.signatureHeaderPrefix}
          readOnlyReason={can({ kind: "role", role }, "webhooks:write") ? undefined : "Only developers, admins and owners can add endpoints."}
        />
      </Card>
    </>
  );
}
