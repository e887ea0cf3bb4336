import { DeliveryLog } from "@/components/deliveries/delivery-log";
import { TabSection } from "@/components/ui/tab-section";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { getProject } from "@/lib/projects";
import { listEndpointNames } from "@/lib/webhooks";

export const metadata = { title: "Deliveries" };

export default async function ProjectDeliveriesPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const { db, role } = await requireOrgPage(orgId, "webhooks:read");
  const project = await getProject(db, orgId, projectId);
  const endpoints = await listEndpointNames(db, orgId, project.id);
  const canResend = can({ kind: "role", role }, "deliveries:write");
  return (
    <TabSection
      id="deliveries"
      title="Deliveries"
      description={
        <p className="text-sm text-neutral-600">
          Every notification about {project.name}, with each attempt&apos;s request and response. Click a row for details{canResend ? " or to resend" : ""}.
        </p>
      }
    >
      <DeliveryLog orgId={orgId} projectId={project.id} endpoints={endpoints} canResend={canResend} />
    </TabSection>
  );
}
