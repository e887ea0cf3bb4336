"use client";

import { useQuery } from "@tanstack/react-query";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { getBuildAction } from "@/lib/actions/builds";
import { StatusBadge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { DetailList } from "@/components/ui/detail-list";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { DeploymentTable } from "@/components/deployments/deployment-table";
import type { BuildDetailResource } from "@/lib/builds/schemas";
import { artifactUrlProblem } from "@/lib/webhooks/url-policy";
import { BuildActions } from "./build-actions";
import { DownloadAllButton } from "./download-all";
import { formatBytes, formatDuration, shortSha } from "./format";

/** One build: status, timeline, configuration, error and logs, artifacts and deployments (live). */
export function BuildDetail({ orgId, initial, canWrite }: { orgId: string; initial: BuildDetailResource; canWrite: boolean }) {
  const query = useQuery({
    queryKey: queryKeys.build(orgId, initial.id),
    initialData: initial,
    queryFn: () => unwrap(() => getBuildAction(orgId, { buildId: initial.id })),
    refetchInterval: 3_000,
  });
  const build = query.data;
  const config: [string, React.ReactNode][] = [
    ["Source", build.source],
    ["Branch", build.branch ? <code className="font-mono text-xs">{build.branch}</code> : "—"],
    ["Ref", build.ref ? <code className="font-mono text-xs">{build.ref}</code> : "—"],
    ["Commit", build.commit_sha ? <span><code className="font-mono text-xs" title={build.commit_sha}>{shortSha(build.commit_sha)}</code> {build.commit_message}</span> : "—"],
    ["Version", build.version ?? "—"],
    ["Platforms", build.platforms.join(", ") || "—"],
    ["Formats", build.formats.join(", ") || "—"],
    ["Release type", build.release_type],
    ["Flags", Object.keys(build.flags).length ? Object.entries(build.flags).map(([k, v]) => `${k}: ${v}`).join(", ") : "—"],
    ["Duration", formatDuration(build.duration_seconds)],
  ];

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="flex items-center gap-3">
          <h2 className="text-lg font-semibold">Build #{build.number}</h2>
          <StatusBadge status={build.status} />
          <span className="text-sm text-neutral-500">
            created <RelativeTime date={build.created_at} />
          </span>
        </div>
        <BuildActions orgId={orgId} projectId={build.project_id} build={build} canWrite={canWrite} />
      </div>
      {query.isError && (
        <p role="alert" className="text-sm text-danger-700">
          Could not refresh this build: {query.error.message}{" "}
          <Button variant="secondary" size="sm" onClick={() => query.refetch()}>
            Try again
          </Button>
        </p>
      )}

      {build.status === "failed" && (
        <section aria-labelledby="failure-heading" className="rounded-xl bg-danger-50 p-4 ring-1 ring-danger-200">
          <h3 id="failure-heading" className="text-sm font-semibold text-danger-800">
            Failed{build.failed_at_step ? ` at ${build.failed_at_step}` : ""}: {build.error_message}
          </h3>
          {build.error_logs && (
            <pre tabIndex={0} aria-label="Build logs" className="mt-3 max-h-96 overflow-auto rounded-md bg-neutral-900 p-3 font-mono text-xs whitespace-pre text-neutral-100">
              {build.error_logs}
            </pre>
          )}
        </section>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <h3 className="border-b border-neutral-100 px-5 py-3 text-sm font-semibold">Configuration</h3>
          <DetailList rows={config} compact />
        </Card>
        <Card>
          <h3 className="border-b border-neutral-100 px-5 py-3 text-sm font-semibold">Timeline</h3>
          <ol className="space-y-3 px-5 py-4">
            {build.timeline.map((t, i) => (
              <li key={`${t.status}-${i}`} className="text-sm">
                <div className="flex items-center gap-2">
                  <StatusBadge status={t.status} />
                  <RelativeTime date={t.at} />
                </div>
                {t.note && <p className="mt-1 text-xs text-neutral-600">{t.note}</p>}
              </li>
            ))}
          </ol>
        </Card>
      </div>

      <Section id="artifacts" title="Artifacts" actions={build.artifacts.length > 1 && <DownloadAllButton build={build} />}>
        {build.artifacts.length === 0 ? (
          <EmptyState
            title="No artifacts"
            description={build.status === "succeeded" ? "The runner reported no files for this build." : "Artifacts appear here when the build succeeds."}
          />
        ) : (
          <Table label="Artifacts" columns={["Platform", "Format", "File", "Size", { label: "Download", srOnly: true }]}>
            {build.artifacts.map((a) => (
              <tr key={`${a.platform}/${a.format}/${a.file_name}`}>
                <Td>{a.platform}</Td>
                <Td>{a.format}</Td>
                <Td className="font-mono text-xs">{a.file_name}</Td>
                <Td>{formatBytes(a.file_size)}</Td>
                <Td>
                  <ArtifactDownload artifact={a} />
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Section>

      <Section id="deployments" title="Deployments">
        {build.deployments.length === 0 ? (
          <EmptyState title="Not deployed" description={build.status === "succeeded" ? "Deploy this build to preview or production with Deploy." : "Only succeeded builds can be deployed."} />
        ) : (
          <DeploymentTable deployments={build.deployments} />
        )}
      </Section>
    </div>
  );
}

/**
 * The artifact's download link, or, when its stored URL breaks the artifact URL rules (stored
 * before they existed), the URL as plain text with why it is not a link (docs/security.md#artifact-urls).
 */
function ArtifactDownload({ artifact: a }: { artifact: BuildDetailResource["artifacts"][number] }) {
  const problem = artifactUrlProblem(a.download_url);
  if (problem) {
    return (
      <div className="max-w-md space-y-1">
        <code className="font-mono text-xs break-all text-neutral-600">{a.download_url}</code>
        <p className="text-xs text-danger-700">Not a link: this download URL is not allowed. {problem}</p>
      </div>
    );
  }
  return (
    <a
      href={a.download_url}
      className="font-medium text-brand-700 hover:underline"
      rel="noopener noreferrer"
      target="_blank"
      aria-label={`Download ${a.file_name} (${a.platform} ${a.format})`}
    >
      Download
    </a>
  );
}

function Section({ id, title, actions, children }: { id: string; title: string; actions?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 id={`${id}-heading`} className="text-base font-semibold">
          {title}
        </h3>
        {actions}
      </div>
      {children}
    </section>
  );
}
