"use client";

import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import Link from "next/link";
import { toast } from "sonner";
import { unwrap } from "@/components/data/actions";
import { queryKeys } from "@/components/data/query-keys";
import { useActionMutation } from "@/components/data/use-action-mutation";
import { listWebhooksAction, updateWebhookAction } from "@/lib/actions/webhooks";
import { StatusBadge } from "@/components/ui/badge";
import { Button, Spinner } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";
import { Table, Td } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import type { WebhookResource } from "@/lib/webhooks/schemas";
import { ActiveSwitch } from "@/components/ui/switch";
import { HealthBadge } from "./health-badge";
import { endpointStatus, eventsSummary, FORMAT_LABELS } from "./labels";
import { LinkButton } from "@/components/ui/link-button";
import { LoadMore } from "@/components/ui/load-more";
import { ReadOnlyNote } from "@/components/ui/read-only-note";

export type EndpointPage = { items: WebhookResource[]; nextCursor: string | null };
type Data = InfiniteData<EndpointPage, string | undefined>;
type Toggle = { endpoint: WebhookResource; active: boolean };

const PERMISSION_NOTE = "endpoint-table-permission";
const READ_ONLY = "Viewers can see the endpoints; developers, admins and owners can add them, change them, and turn them on or off.";

function replaceRow(data: Data | undefined, id: string, change: (e: WebhookResource) => WebhookResource): Data | undefined {
  if (!data) return data;
  return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((e) => (e.id === id ? change(e) : e)) })) };
}

/**
 * The endpoints of an organization (or of one project): first page rendered by the server,
 * then kept fresh by React Query; the Active switch updates optimistically.
 */
export function EndpointTable({
  orgId,
  projectId,
  initial,
  projectNames,
  canWrite,
  addHref,
}: {
  orgId: string;
  /** Only this project's endpoints (the scope column is then left out). */
  projectId?: string;
  initial: EndpointPage;
  projectNames: Record<string, string>;
  canWrite: boolean;
  addHref: string;
}) {
  const client = useQueryClient();
  const queryKey = queryKeys.webhookList(orgId, projectId);
  const query = useInfiniteQuery({
    queryKey,
    initialPageParam: undefined as string | undefined,
    initialData: { pages: [initial], pageParams: [undefined] },
    queryFn: ({ pageParam }) => unwrap(() => listWebhooksAction(orgId, { cursor: pageParam, projectId })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const toggle = useActionMutation(({ endpoint, active }: Toggle) => updateWebhookAction(orgId, { endpointId: endpoint.id, active }), {
    onMutate: async ({ endpoint, active }) => {
      await client.cancelQueries({ queryKey });
      const previous = client.getQueryData<Data>(queryKey);
      client.setQueryData<Data>(queryKey, (data) => replaceRow(data, endpoint.id, (e) => ({ ...e, active })));
      return { previous };
    },
    onError: (error, { endpoint, active }, context) => {
      if (context?.previous) client.setQueryData(queryKey, context.previous);
      toast.error(`Could not ${active ? "enable" : "disable"} ${endpoint.name}: ${error.message}`);
    },
    onSuccess: (updated) => {
      // An update answers without health; the row keeps its own until the list refetches.
      client.setQueryData<Data>(queryKey, (data) => replaceRow(data, updated.id, (e) => ({ ...updated, health: updated.health ?? e.health })));
      toast.success(
        updated.active ? `${updated.name} enabled: it receives events again.` : `${updated.name} disabled: no events are sent to it.`,
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.webhooks(orgId) }),
  });

  const endpoints = query.data.pages.flatMap((p) => p.items);
  const showScope = !projectId;

  if (endpoints.length === 0) {
    return (
      <EmptyState
        title={projectId ? "No endpoints for this project yet" : "No endpoints yet"}
        description={
          <>
            An endpoint is a URL of yours that receives a signed HTTP POST whenever builds, deployments or projects change, so your
            own service, Slack or Discord hears about it right away.
            {!canWrite && " Developers, admins and owners can add endpoints."}
          </>
        }
        action={canWrite && <LinkButton href={addHref}>Add endpoint</LinkButton>}
      />
    );
  }

  return (
    <div className="space-y-3">
      {!canWrite && <ReadOnlyNote id={PERMISSION_NOTE}>{READ_ONLY}</ReadOnlyNote>}
      {query.isError && (
        <div role="alert" className="flex items-center gap-3 rounded-md bg-danger-50 px-4 py-2 text-sm text-danger-700 ring-1 ring-danger-200">
          Could not refresh the endpoints: {query.error.message}
          <Button variant="secondary" size="sm" onClick={() => query.refetch()}>
            Try again
          </Button>
        </div>
      )}
      <Table label={projectId ? "Project endpoints" : "Endpoints"} columns={["Endpoint", showScope && "Scope", "Events", "Format", "Status", "Health", "Created", { label: "Active", className: "text-right" }]}>
        {endpoints.map((e) => {
          const pending = toggle.isPending && toggle.variables?.endpoint.id === e.id;
          return (
            <tr key={e.id} className="hover:bg-neutral-50/60">
              {/* The URL sits under the name, so the health column fits beside the others. */}
              <Td className="max-w-64">
                <Link
                  href={`/orgs/${orgId}/webhooks/${e.id}`}
                  className="block truncate font-medium text-neutral-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                  title={e.name}
                >
                  {e.name}
                </Link>
                <span className="mt-0.5 block truncate font-mono text-xs text-neutral-500" title={e.url}>
                  {e.url}
                </span>
              </Td>
              {showScope && (
                <Td className="max-w-36">
                  {e.project_id ? (
                    <Link
                      href={`/orgs/${orgId}/projects/${e.project_id}/webhooks`}
                      className="block truncate hover:underline"
                      title={projectNames[e.project_id] ?? e.project_id}
                    >
                      {projectNames[e.project_id] ?? e.project_id}
                    </Link>
                  ) : (
                    <span className="text-neutral-500">All projects</span>
                  )}
                </Td>
              )}
              <Td className="whitespace-nowrap">
                {e.events.length === 0 ? (
                  <span className="text-neutral-500">All events</span>
                ) : (
                  <span title={e.events.join("\n")} className="cursor-help underline decoration-neutral-300 decoration-dotted underline-offset-4">
                    {eventsSummary(e.events)}
                    {e.events.length > 1 && <span className="sr-only">: {e.events.join(", ")}</span>}
                  </span>
                )}
              </Td>
              <Td className="whitespace-nowrap">{FORMAT_LABELS[e.format]}</Td>
              <Td className="max-w-48">
                <StatusBadge status={endpointStatus(e)} />
                {!e.active && e.disabled_reason && (
                  <span className="mt-1 block truncate text-xs text-neutral-500" title={e.disabled_reason}>
                    {e.disabled_reason}
                  </span>
                )}
              </Td>
              <Td className="whitespace-nowrap">
                <HealthBadge health={e.health} />
              </Td>
              <Td className="whitespace-nowrap">
                <RelativeTime date={e.created_at} />
              </Td>
              <Td className="text-right">
                <span className="inline-flex items-center gap-2">
                  {pending && <Spinner className="text-neutral-400" />}
                  <ActiveSwitch
                    checked={e.active}
                    label={`Active: ${e.name}`}
                    disabled={!canWrite}
                    pending={pending}
                    title={canWrite ? undefined : "Developers and above can enable or disable endpoints."}
                    describedBy={canWrite ? undefined : PERMISSION_NOTE}
                    onChange={(active) => toggle.mutate({ endpoint: e, active })}
                  />
                </span>
              </Td>
            </tr>
          );
        })}
      </Table>
      <LoadMore query={query} />
    </div>
  );
}
