import Link from "next/link";
import { notFound } from "next/navigation";
import { DeliveryLog } from "@/components/deliveries/delivery-log";
import { StatusBadge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { RelativeTime } from "@/components/ui/time";
import { EndpointDangerZone } from "@/components/webhooks/danger-zone";
import { EndpointActive } from "@/components/webhooks/endpoint-active";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { compatSummary } from "@/components/webhooks/compat-signature-values";
import { policySummary } from "@/components/webhooks/delivery-policy-values";
import { EndpointHealthCard } from "@/components/webhooks/endpoint-health";
import { endpointStatus, eventsSummary, FORMAT_LABELS } from "@/components/webhooks/labels";
import { RecoverDeliveries } from "@/components/webhooks/recover-deliveries";
import { SectionCard } from "@/components/ui/section-card";
import { SigningSecret } from "@/components/webhooks/signing-secret";
import { TestEvent } from "@/components/webhooks/test-event";
import { UrlHint } from "@/components/webhooks/url-hint";
import { can } from "@/lib/auth";
import { requireOrgPage } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { NotFoundError } from "@/lib/errors";
import { listProjects } from "@/lib/projects";
import { getEndpoint, revealsEndpointSecrets, webhookResourceFor } from "@/lib/webhooks";

export const metadata = { title: "Webhook endpoint" };

const MASKED_NOTE =
  "Custom header values (••••) and the URL's tokens and query values (…) are hidden: only developers, admins and owners can see them.";

export default async function EndpointPage({ params }: { params: Promise<{ orgId: string; endpointId: string }> }) {
  const { orgId, endpointId } = await params;
  const { db, role } = await requireOrgPage(orgId, "webhooks:read");
  const row = await getEndpoint(db, orgId, endpointId).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const grant = { kind: "role", role } as const;
  // Below developer, header values and the URL's secret parts come masked.
  const endpoint = webhookResourceFor(grant)(row);
  const revealed = revealsEndpointSecrets(grant);
  const projects = (await listProjects(db, orgId, { limit: 100 })).items.map((p) => ({ id: p.id, name: p.name }));
  const project = projects.find((p) => p.id === endpoint.project_id);
  const canWrite = can(grant, "webhooks:write");
  const canResend = can(grant, "deliveries:write");
  const cfg = config();
  const autoDisabled = !endpoint.active && row.disabledBy === "system";

  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="mb-2 text-sm text-neutral-500">
          <Link href={`/orgs/${orgId}/webhooks`} className="hover:text-neutral-800 hover:underline">
            Webhooks
          </Link>
          <span aria-hidden> / </span>
          <span className="text-neutral-800">{endpoint.name}</span>
        </nav>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="text-2xl font-semibold tracking-tight break-words text-neutral-900">{endpoint.name}</h1>
              <StatusBadge status={endpointStatus(endpoint)} />
            </div>
            <div className="mt-1 flex min-w-0 items-center gap-2">
              <code className="min-w-0 truncate font-mono text-sm text-neutral-700" title={endpoint.url}>
                {endpoint.url}
              </code>
              {revealed && <CopyButton value={endpoint.url} label="Copy URL" />}
            </div>
            {!revealed && <p className="mt-1 text-xs text-neutral-500">{MASKED_NOTE}</p>}
            <dl className="mt-2 flex flex-wrap gap-x-5 gap-y-1 text-sm text-neutral-600">
              <div className="flex gap-1">
                <dt className="text-neutral-500">Scope:</dt>
                <dd>
                  {project ? (
                    <Link href={`/orgs/${orgId}/projects/${project.id}/webhooks`} className="font-medium text-neutral-800 hover:underline">
                      {project.name}
                    </Link>
                  ) : endpoint.project_id ? (
                    <code className="font-mono text-xs">{endpoint.project_id}</code>
                  ) : (
                    "All projects"
                  )}
                </dd>
              </div>
              <div className="flex gap-1">
                <dt className="text-neutral-500">Events:</dt>
                <dd title={endpoint.events.join("\n") || undefined}>{eventsSummary(endpoint.events)}</dd>
              </div>
              <div className="flex gap-1">
                <dt className="text-neutral-500">Format:</dt>
                <dd>{FORMAT_LABELS[endpoint.format]}</dd>
              </div>
              <div className="flex gap-1">
                <dt className="text-neutral-500">Delivery:</dt>
                <dd>{policySummary(endpoint.policy)}</dd>
              </div>
              <div className="flex gap-1">
                <dt className="text-neutral-500">Extra signature:</dt>
                <dd>{compatSummary(endpoint.compat_signature)}</dd>
              </div>
              <div className="flex gap-1">
                <dt className="text-neutral-500">Created:</dt>
                <dd>
                  <RelativeTime date={endpoint.created_at} />
                </dd>
              </div>
            </dl>
            {endpoint.description && <p className="mt-2 max-w-3xl text-sm text-neutral-600">{endpoint.description}</p>}
          </div>
          <EndpointActive orgId={orgId} endpoint={endpoint} canWrite={canWrite} />
        </div>
      </div>

      {autoDisabled && (
        <div role="alert" className="rounded-lg bg-danger-50 px-4 py-3 text-sm text-danger-800 ring-1 ring-danger-200">
          <p className="font-semibold">
            Disabled automatically <RelativeTime date={endpoint.disabled_at} />
          </p>
          <p className="mt-0.5">
            {endpoint.disabled_reason} Fix the receiver and send a test event; then turn <em>Active</em> back on and recover the failed
            deliveries below. Queued deliveries go out on their own once it is active.
          </p>
        </div>
      )}
      {!endpoint.active && !autoDisabled && (
        <p role="note" className="rounded-lg bg-warning-50 px-4 py-3 text-sm text-warning-900 ring-1 ring-warning-200">
          This endpoint is disabled{endpoint.disabled_at ? <> (<RelativeTime date={endpoint.disabled_at} />)</> : null}: no events are sent
          to it until you turn <em>Active</em> back on. Events that happen meanwhile are not queued for it; deliveries already
          pending wait and go out once it is active.
        </p>
      )}

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <SigningSecret orgId={orgId} endpointId={endpoint.id} canManage={can(grant, "webhooks:secrets")} headerPrefix={cfg.signatureHeaderPrefix} />
        <TestEvent orgId={orgId} endpointId={endpoint.id} canSend={canWrite} active={endpoint.active} />
      </div>

      <EndpointHealthCard orgId={orgId} endpointId={endpoint.id} disabledReason={endpoint.disabled_reason} canSendTest={canWrite} />

      <SectionCard id="settings" title="Settings" description="What this endpoint receives and how. Changes apply to the next delivery.">
        <EndpointForm
          key={endpoint.updated_at}
          orgId={orgId}
          projects={projects}
          endpoint={endpoint}
          urlHint={<UrlHint allowHttp={cfg.allowHttpEndpoints} allowPrivate={cfg.allowPrivateEndpoints} embedded={cfg.embedded} />}
          readOnlyReason={canWrite ? undefined : `You can look, but only developers, admins and owners can change endpoints. ${MASKED_NOTE}`}
          signatureHeaderPrefix={cfg.signatureHeaderPrefix}
        />
      </SectionCard>

      <SectionCard
        id="deliveries"
        title="Deliveries"
        description={`Every event sent to this endpoint, with each attempt's request and response.${canResend ? " Open one to resend it." : ""}`}
        actions={<RecoverDeliveries orgId={orgId} endpointId={endpoint.id} active={endpoint.active} canRecover={canResend} />}
      >
        <DeliveryLog orgId={orgId} endpointId={endpoint.id} canResend={canResend} />
      </SectionCard>

      <EndpointDangerZone orgId={orgId} endpoint={{ id: endpoint.id, name: endpoint.name }} canDelete={canWrite} />
    </div>
  );
}
