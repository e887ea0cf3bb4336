import { DeploymentList } from "@/components/deployments/deployment-list";
import { TabSection } from "@/components/ui/tab-section";
import { requireOrgPage } from "@/lib/auth/session";
import { getProject } from "@/lib/projects";

export const metadata = { title: "Deployments" };

export default async function ProjectDeploymentsPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const { db } = await requireOrgPage(orgId, "builds:read");
  const project = await getProject(db, orgId, projectId);
  return (
    <TabSection
      id="deployments"
      title="Deployments"
      description={
        <p className="text-sm text-neutral-600">
          Where the builds of {project.name} went: each deployment&apos;s environment, status and URL, the build it shipped, and who deployed it. Deployers
          report the outcome with <code className="font-mono text-xs">POST /api/v1/deployments/&#123;id&#125;/status</code>.
        </p>
      }
    >
      <DeploymentList orgId={orgId} projectId={project.id} />
    </TabSection>
  );
}
