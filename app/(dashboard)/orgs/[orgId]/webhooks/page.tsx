import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { EndpointTable } from "@/components/webhooks/endpoint-table";
import { LinkButton } from "@/components/ui/link-button";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { listProjects } from "@/lib/projects";
import { listEndpoints, webhookResourceFor, withHealth } from "@/lib/webhooks";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  const { db, role } = await requireOrgPage(orgId, "webhooks:read");
  const [page, projects] = await Promise.all([listEndpoints(db, orgId, { limit: 50 }), listProjects(db, orgId, { limit: 100 })]);
  const grant = { kind: "role", role } as const;
  const canWrite = can(grant, "webhooks:write");
  const addHref = `/orgs/${orgId}/webhooks/new`;
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Endpoints receive a signed HTTP POST when builds, deployments and projects change. Failed deliveries are retried seven times
            over about 28 hours (each endpoint can set its own schedule); every attempt is in{" "}
            <Link href={`/orgs/${orgId}/deliveries`} className="font-medium text-brand-700 hover:underline">
              Deliveries
            </Link>
            . How to verify requests:{" "}
            <Link href="/docs/webhooks" className="font-medium text-brand-700 hover:underline">
              Receiving webhooks
            </Link>
            .
          </>
        }
        actions={canWrite && <LinkButton href={addHref}>Add endpoint</LinkButton>}
      />
      <EndpointTable
        orgId={orgId}
        initial={{ items: await withHealth(db, page.items, webhookResourceFor(grant), new Date()), nextCursor: page.nextCursor }}
        projectNames={Object.fromEntries(projects.items.map((p) => [p.id, p.name]))}
        canWrite={canWrite}
        addHref={addHref}
      />
    </>
  );
}
