import { headers } from "next/headers";
import { CiTriggerCard } from "@/components/triggers/ci-trigger-card";
import { GitHubCard } from "@/components/triggers/github-card";
import { RulesEditor } from "@/components/triggers/rules-editor";
import { TabSection } from "@/components/ui/tab-section";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { getProject, toProjectResource } from "@/lib/projects";
import { getTriggerRules, TRIGGERS_PER_MINUTE } from "@/lib/triggers";

export const metadata = { title: "Triggers" };

/** The origin the browser reached us on, so the URLs shown are the ones to paste. */
async function requestOrigin() {
  const h = await headers();
  const host = h.get("x-forwarded-host")?.split(",")[0]?.trim() || h.get("host") || "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http";
  return `${proto}://${host}`;
}

export default async function ProjectTriggersPage({ params }: { params: Promise<{ orgId: string; projectId: string }> }) {
  const { orgId, projectId } = await params;
  const { db, role } = await requireOrgPage(orgId, "projects:read");
  const project = await getProject(db, orgId, projectId);
  const [rules, origin] = await Promise.all([getTriggerRules(db, project.id), requestOrigin()]);
  const grant = { kind: "role", role } as const;
  const canWrite = can(grant, "webhooks:write");
  const canManageSecrets = can(grant, "secrets:manage");
  const { default_platforms, default_formats, default_release_type, default_flags } = toProjectResource(project);
  const buildDefaults = { platforms: default_platforms, formats: default_formats, releaseType: default_release_type, flags: default_flags };

  return (
    <TabSection
      id="triggers"
      title="Triggers"
      className="space-y-6"
      description={
        <p className="max-w-3xl text-sm text-neutral-600">
          Start {project.name} builds on GitHub pushes and releases, or from any CI with the trigger endpoint. At most{" "}
          {TRIGGERS_PER_MINUTE} triggers per minute per project, all sources together.
        </p>
      }
    >
      <RulesEditor
        orgId={orgId}
        projectId={project.id}
        initialRules={rules}
        canWrite={canWrite}
        defaultBranch={project.defaultBranch}
        buildDefaults={buildDefaults}
      />
      <div className="space-y-6">
        <GitHubCard
          orgId={orgId}
          projectId={project.id}
          payloadUrl={`${origin}/api/integrations/github/${project.id}`}
          repository={project.repository}
          canManage={canManageSecrets}
        />
        <CiTriggerCard
          orgId={orgId}
          projectId={project.id}
          triggerUrl={`${origin}/api/v1/projects/${project.id}/trigger`}
          defaultBranch={project.defaultBranch}
          canManage={canManageSecrets}
          perMinute={TRIGGERS_PER_MINUTE}
          defaults={buildDefaults}
          bodySignature={project.triggerBodySignature}
        />
      </div>
    </TabSection>
  );
}
