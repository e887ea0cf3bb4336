"use client";

import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import type { DeploymentResource } from "@/lib/builds/schemas";

const STATUS: Record<DeploymentResource["status"], { label: string; tone: Tone }> = {
  created: { label: "in progress", tone: "info" },
  succeeded: { label: "succeeded", tone: "success" },
  failed: { label: "failed", tone: "danger" },
  canceled: { label: "canceled", tone: "neutral" },
};

/** Whether any of `deployments` is still in progress (the lists poll while one is). */
export function anyInProgress(deployments: DeploymentResource[]): boolean {
  return deployments.some((d) => d.status === "created");
}

export function DeploymentStatusBadge({ status }: { status: DeploymentResource["status"] }) {
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

/** The deployment's URL as a link that opens in a new tab (its host and path shown). */
function DeploymentLink({ url }: { url: string | null }) {
  if (!url) return <span className="text-neutral-400">—</span>;
  const shown = url.replace(/^https:\/\//, "").replace(/\/$/, "");
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="block max-w-72 truncate font-mono text-xs text-brand-700 hover:underline" title={url}>
      {shown}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

/**
 * Deployments as a table: environment, status (with the failure's message), URL, who and when,
 * finished. `buildHref` adds a Build column (number, branch, commit) linking to each build.
 */
export function DeploymentTable({ deployments, buildHref }: { deployments: DeploymentResource[]; buildHref?: (d: DeploymentResource) => string }) {
  return (
    <Table label="Deployments" columns={["Environment", "Status", "URL", buildHref && "Build", "Deployed", "Finished"]}>
      {deployments.map((d) => (
        <tr key={d.id}>
          <Td className="font-medium text-neutral-900">{d.environment}</Td>
          <Td>
            <DeploymentStatusBadge status={d.status} />
            {d.error_message && <span className="mt-1 block max-w-64 text-xs text-danger-700">{d.error_message}</span>}
          </Td>
          <Td>
            <DeploymentLink url={d.url} />
          </Td>
          {buildHref && (
            <Td className="max-w-72">
              <Link href={buildHref(d)} className="font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
                #{d.build_number}
              </Link>
              {d.branch && <code className="ml-2 font-mono text-xs text-neutral-600">{d.branch}</code>}
              {d.commit_sha && (
                <span className="block truncate text-xs text-neutral-500" title={d.commit_message ?? undefined}>
                  <code className="font-mono">{d.commit_sha.slice(0, 7)}</code> {d.commit_message}
                </span>
              )}
            </Td>
          )}
          <Td>
            <RelativeTime date={d.created_at} />
            {d.created_by && <span className="block text-xs text-neutral-500">by {d.created_by}</span>}
          </Td>
          <Td>
            <RelativeTime date={d.finished_at} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
