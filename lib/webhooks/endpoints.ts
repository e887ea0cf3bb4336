// Endpoints (docs/delivery.md#publishing): where an organization's (or one project's) events are delivered.
// Their URL and custom headers are stored encrypted (./endpoint-target.ts) and shown masked to
// anyone who may not change them (docs/security.md#secrets-at-rest).
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import { can, type Grant } from "@/lib/auth";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";
import { config } from "@/lib/config";
import type { Prisma } from "@/lib/db/generated/client";
import { isPublicId, newId, type Db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { CompatScheme, CompatSignatureInput, CreateWebhookInput, DeliveryPolicy, UpdateWebhookInput, WebhookResource } from "./schemas";
import { activeChange, initialState } from "./endpoint-state";
import { openEndpointTarget, sealEndpointTarget } from "./endpoint-target";
import { maskEndpointUrl, maskHeaders } from "./masking";
import { addSecret } from "./secrets";
import { alwaysRefusedHost, endpointUrlProblem, type UrlPolicy } from "./url-policy";

export type EndpointRow = Awaited<ReturnType<Db["endpoint"]["findFirstOrThrow"]>>;

export function urlPolicy(): UrlPolicy {
  const cfg = config();
  return { allowHttp: cfg.allowHttpEndpoints, allowPrivate: cfg.allowPrivateEndpoints };
}

/**
 * Who sees an endpoint's custom header values and the secret parts of its URL: those who may
 * change the endpoint (`webhooks:write`: developers and above, API keys with `webhooks:write`
 * or `admin`). Everyone else sees them masked (docs/security.md#secrets-at-rest).
 */
export function revealsEndpointSecrets(grant: Grant): boolean {
  return can(grant, "webhooks:write");
}

/** The webhook resource mapper for a caller: real URL and header values only when `revealsEndpointSecrets(grant)`. */
export function webhookResourceFor(grant: Grant): (e: EndpointRow) => WebhookResource {
  const reveal = revealsEndpointSecrets(grant);
  return (e) => resource(e, reveal ? openEndpointTarget(e) : maskedTarget(e));
}

/** The webhook resource as anyone may see it: header values and the URL's secret parts masked. */
export function toWebhookResource(e: EndpointRow): WebhookResource {
  return resource(e, maskedTarget(e));
}

// Masked from the stored columns, so a legacy row (still in clear) is masked too; no decryption.
function maskedTarget(e: EndpointRow) {
  return { url: maskEndpointUrl(e.url), headers: maskHeaders(e.headers as Record<string, string>) };
}

function resource(e: EndpointRow, target: { url: string; headers: Record<string, string> }): WebhookResource {
  return {
    id: e.id,
    name: e.name,
    url: target.url,
    description: e.description,
    events: e.eventTypes,
    project_id: e.projectId,
    format: e.format,
    headers: target.headers,
    active: e.active,
    disabled_reason: e.disabledReason,
    disabled_by: e.disabledBy,
    disabled_at: e.disabledAt?.toISOString() ?? null,
    policy: policyOf(e),
    compat_signature: compatSignatureOf(e),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

/** The endpoint's delivery policy as the API shows it; null fields take the platform defaults. */
export function policyOf(e: Pick<EndpointRow, "retrySchedule" | "timeoutMs" | "ordered" | "maxRatePerSec">): DeliveryPolicy {
  return {
    retry_schedule_seconds: e.retrySchedule.length ? e.retrySchedule : null,
    timeout_ms: e.timeoutMs,
    ordered: e.ordered,
    max_rate_per_second: e.maxRatePerSec,
  };
}

const SCHEME_TO_WIRE = { timestamped: "timestamped", body_sha256: "body-sha256", body_hex: "body-hex" } as const satisfies Record<string, CompatScheme>;
const SCHEME_FROM_WIRE = { timestamped: "timestamped", "body-sha256": "body_sha256", "body-hex": "body_hex" } as const;

/** The header a compatibility signature goes in when the endpoint names none: the operator's prefix + "Signature". */
export function defaultCompatHeader(prefix = config().signatureHeaderPrefix) {
  return `${prefix}Signature`;
}

/** The endpoint's compatibility signature, its header resolved; null when it sends Standard Webhooks headers only. */
export function compatSignatureOf(e: Pick<EndpointRow, "compatScheme" | "compatHeader">, prefix?: string) {
  if (!e.compatScheme) return null;
  return { scheme: SCHEME_TO_WIRE[e.compatScheme], header: e.compatHeader ?? defaultCompatHeader(prefix) };
}

function policyData(policy: Partial<DeliveryPolicy> | undefined): Pick<Prisma.EndpointUncheckedCreateInput, "retrySchedule" | "timeoutMs" | "ordered" | "maxRatePerSec"> {
  if (!policy) return {};
  return {
    retrySchedule: policy.retry_schedule_seconds === undefined ? undefined : (policy.retry_schedule_seconds ?? []),
    timeoutMs: policy.timeout_ms,
    ordered: policy.ordered,
    maxRatePerSec: policy.max_rate_per_second,
  };
}

/**
 * The compatibility signature columns for a request (nothing when it does not change them),
 * after checking that the endpoint's custom headers and the signature's headers — as they
 * will be after this change — do not share a name. `current` is the stored endpoint, or null
 * for a new one (whose default is the timestamped signature).
 */
function compatData(
  requested: CompatSignatureInput | undefined,
  current: Pick<EndpointRow, "compatScheme" | "compatHeader"> | null,
  customHeaders: Record<string, string>,
  changed: "compat_signature" | "headers",
) {
  const prefix = config().signatureHeaderPrefix;
  const compat =
    requested === undefined
      ? current
        ? compatSignatureOf(current, prefix)
        : { scheme: "timestamped" as const, header: defaultCompatHeader(prefix) }
      : requested && { scheme: requested.scheme, header: requested.header || defaultCompatHeader(prefix) };
  if (compat) {
    const same = (a: string) => (b: string) => a.toLowerCase() === b.toLowerCase();
    const companions = [`${prefix}Event`, ...(compat.scheme === "timestamped" ? [`${prefix}Timestamp`] : [])];
    const sent = [compat.header, ...companions];
    const custom = Object.keys(customHeaders).find((name) => sent.some(same(name)));
    const clash = companions.find(same(compat.header)) ?? custom;
    if (clash) {
      const message =
        changed === "compat_signature" || !custom
          ? `The signature header \`${compat.header}\` is already sent by this endpoint (\`${clash}\`); choose another name.`
          : `\`${clash}\` is a header of this endpoint's compatibility signature; choose another name or change the signature.`;
      const field = changed === "compat_signature" || !custom ? "compat_signature.header" : `headers.${clash}`;
      throw new ValidationError(`${field}: ${message}`, [{ field, message, code: "conflict" }]);
    }
  }
  if (requested === undefined) return {};
  if (requested === null) return { compatScheme: null, compatHeader: null };
  return { compatScheme: SCHEME_FROM_WIRE[requested.scheme], compatHeader: requested.header || null };
}

/**
 * Refuses a URL the URL rules refuse — unless it is exactly the URL of one of the
 * organization's test inboxes, which the delivery core records in-process wherever private or
 * plain-http destinations are refused (docs/delivery.md#test-inbox). A link-local or cloud
 * metadata address is refused before that exception: no inbox makes it acceptable.
 */
async function assertUrl(db: Db, orgId: string, url: string, policy: UrlPolicy) {
  const problem = endpointUrlProblem(url, policy);
  if (!problem) return;
  const never = alwaysRefusedHost(url);
  const inbox = never ? null : await db.inbox.findFirst({ where: { organizationId: orgId, url, expiresAt: { gt: new Date() } }, select: { id: true } });
  if (inbox) return;
  const message = never ? `${never.host} is ${never.reason}` : problem;
  throw new ValidationError(`url: ${message}`, [{ field: "url", message, code: "invalid_url" }]);
}

async function assertProject(db: Db, orgId: string, projectId: string) {
  const project = await db.project.findFirst({ where: { id: projectId, organizationId: orgId }, select: { id: true } });
  if (!project) {
    const message = `Project ${projectId} was not found in this organization.`;
    throw new ValidationError(`project_id: ${message}`, [{ field: "project_id", message, code: "not_found" }]);
  }
}

export async function createEndpoint(db: Db, orgId: string, input: CreateWebhookInput, actor: Actor, policy = urlPolicy()) {
  await assertUrl(db, orgId, input.url, policy);
  if (input.project_id) await assertProject(db, orgId, input.project_id);
  const endpoint = await db.$transaction(async (tx) => {
    const created = await tx.endpoint.create({
      data: {
        id: newId("ep"),
        organizationId: orgId,
        projectId: input.project_id ?? null,
        name: input.name,
        description: input.description ?? null,
        eventTypes: input.events,
        format: input.format,
        ...sealEndpointTarget({ url: input.url, headers: input.headers }),
        ...policyData(input.policy),
        ...compatData(input.compat_signature, null, input.headers, input.compat_signature === undefined ? "headers" : "compat_signature"),
        ...initialState(input.active, new Date()),
      },
    });
    await addSecret(tx, created.id, input.secret);
    return created;
  });
  await recordAudit(db, orgId, actor, "endpoint.created", { type: "endpoint", id: endpoint.id }, {
    name: endpoint.name,
    url: maskEndpointUrl(endpoint.url),
  });
  return endpoint;
}

export async function listEndpoints(db: Db, orgId: string, page: PageQuery, filter: { projectId?: string } = {}) {
  const args = pageArgs(page);
  const rows = await db.endpoint.findMany({
    ...args,
    where: { ...args.where, organizationId: orgId, ...(filter.projectId ? { projectId: filter.projectId } : {}) },
  });
  return toPage(rows, page);
}

/** An endpoint of the organization, or NotFoundError (also for other organizations' endpoints). */
export async function getEndpoint(db: Db, orgId: string, endpointId: string) {
  if (!isPublicId(endpointId)) throw new NotFoundError("Webhook endpoint", endpointId);
  const endpoint = await db.endpoint.findFirst({ where: { id: endpointId, organizationId: orgId } });
  if (!endpoint) throw new NotFoundError("Webhook endpoint", endpointId);
  return endpoint;
}

export async function updateEndpoint(
  db: Db,
  orgId: string,
  endpointId: string,
  input: UpdateWebhookInput,
  actor: Actor,
  policy = urlPolicy(),
) {
  const endpoint = await getEndpoint(db, orgId, endpointId);
  if (input.url !== undefined) await assertUrl(db, orgId, input.url, policy);
  if (input.project_id) await assertProject(db, orgId, input.project_id);
  // A new URL or new headers are stored encrypted, and so are a legacy row's (stored in clear)
  // on any change.
  const legacy = endpoint.urlEncrypted === null || endpoint.headersEncrypted === null;
  const target = input.url !== undefined || input.headers !== undefined || legacy ? openEndpointTarget(endpoint) : null;
  const data: Prisma.EndpointUncheckedUpdateInput = {
    name: input.name,
    description: input.description,
    eventTypes: input.events,
    projectId: input.project_id,
    format: input.format,
    ...(target ? sealEndpointTarget({ url: input.url ?? target.url, headers: input.headers ?? target.headers }) : {}),
    ...policyData(input.policy),
    ...(input.compat_signature !== undefined || input.headers !== undefined
      ? compatData(input.compat_signature, endpoint, input.headers ?? (target ?? openEndpointTarget(endpoint)).headers, input.compat_signature === undefined ? "headers" : "compat_signature")
      : {}),
    ...activeChange(endpoint, input.active, new Date()),
  };
  const updated = await db.endpoint.update({ where: { id: endpoint.id }, data });
  await recordAudit(db, orgId, actor, "endpoint.updated", { type: "endpoint", id: endpoint.id }, { fields: Object.keys(input) });
  return updated;
}

export async function deleteEndpoint(db: Db, orgId: string, endpointId: string, actor: Actor) {
  const endpoint = await getEndpoint(db, orgId, endpointId);
  await db.endpoint.delete({ where: { id: endpoint.id } });
  await recordAudit(db, orgId, actor, "endpoint.deleted", { type: "endpoint", id: endpoint.id }, {
    name: endpoint.name,
    url: maskEndpointUrl(endpoint.url),
  });
  return endpoint;
}

/** Names for filters and pickers: every endpoint of the organization, or those that hear a project. */
export async function listEndpointNames(db: Db, orgId: string, projectId?: string) {
  return db.endpoint.findMany({
    where: { organizationId: orgId, ...(projectId ? { OR: [{ projectId }, { projectId: null }] } : {}) },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/**
 * The names of the custom headers configured on any of the organization's endpoints, read from
 * the masked `headers` column (names only, nothing decrypted): what the test inbox hides from
 * those who may not change endpoints (redactHeaderValues).
 */
export async function customHeaderNames(db: Db, orgId: string): Promise<string[]> {
  const rows = await db.endpoint.findMany({ where: { organizationId: orgId }, select: { headers: true } });
  const names = new Set<string>();
  for (const { headers } of rows) {
    if (headers && typeof headers === "object" && !Array.isArray(headers)) for (const name of Object.keys(headers)) names.add(name);
  }
  return [...names];
}
