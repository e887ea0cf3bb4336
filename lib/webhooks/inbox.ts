// Test inboxes (docs/delivery.md#test-inbox): temporary URLs served by this app at
// /api/inbox/{token} that record whatever is sent to them, so a newcomer can point an endpoint
// at one and see signed deliveries without running a server. An inbox lives until 7 days after
// its last request (at most 30 days after it was made) and keeps its newest requests within the
// quotas of ./inbox-quotas.ts; the token is its only credential.
import "server-only";
import { recordAudit, type Actor } from "@/lib/audit";
import { randomToken } from "@/lib/crypto";
import { config } from "@/lib/config";
import { isPublicId, newId, type Db } from "@/lib/db";
import { BadRequestError, ConflictError, NotFoundError } from "@/lib/errors";
import { defaultRateLimitStore, enforceRateLimit, type RateLimitStore } from "@/lib/rate-limit";
import { pageArgs, toPage, type PageQuery } from "@/lib/validation";
import { openEndpointTarget } from "./endpoint-target";
import { compatSignatureOf, customHeaderNames, getEndpoint } from "./endpoints";
import {
  chargeInboxCreation,
  ensureRoomForInbox,
  extendedExpiry,
  initialExpiry,
  lockOrganizationInboxes,
  refundInboxCreation,
  requestBytes,
  trimInboxStorage,
} from "./inbox-quotas";
import { DEFAULT_INBOX_NAME, INBOX_BODY_LIMIT, INBOX_REQUESTS_PER_MINUTE, type CreateInboxInput, type InboxRequestResource, type InboxResource } from "./inbox-schemas";
import { checkInboxSignatures, type SigningEndpoint } from "./inbox-verify";
import { MASKED_HEADER_VALUE, redactHeaderValues } from "./masking";
import { signingSecretsByEndpoint } from "./secrets";
import { alwaysRefusedHost } from "./url-policy";

export type InboxRow = Awaited<ReturnType<Db["inbox"]["findFirstOrThrow"]>>;
type InboxRequestRow = Awaited<ReturnType<Db["inboxRequest"]["findFirstOrThrow"]>>;

/** The path inboxes are served at; the token is 32 random bytes, base64url (43 characters). */
const INBOX_PATH = /^\/api\/inbox\/([A-Za-z0-9_-]{43})$/;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** At most this many headers are recorded per request, each name and value cut to these lengths. */
export const MAX_RECORDED_HEADERS = 100;
const MAX_HEADER_NAME = 256;
const MAX_HEADER_VALUE = 8 * 1024;

export const isInboxToken = (token: string) => TOKEN_SHAPE.test(token);

/** The token of an inbox URL (`…/api/inbox/{token}`, no query), or null for any other URL. */
export function inboxTokenOf(url: string): string | null {
  const parsed = URL.parse(url);
  if (!parsed || parsed.search || parsed.hash) return null;
  return INBOX_PATH.exec(parsed.pathname)?.[1] ?? null;
}

export function toInboxResource(inbox: InboxRow): InboxResource {
  return {
    id: inbox.id,
    name: inbox.name,
    url: inbox.url,
    expires_at: inbox.expiresAt.toISOString(),
    created_at: inbox.createdAt.toISOString(),
  };
}

/**
 * Creates an inbox whose URL starts with `origin` (the app's public origin: lib/organizations
 * appOrigin). At most INBOX_CREATIONS_PER_HOUR per organization (429) and INBOXES_PER_ORGANIZATION
 * open at once (409); the organization's expired inboxes are deleted first. Audited.
 */
export async function createInbox(db: Db, orgId: string, input: CreateInboxInput, origin: string, actor: Actor, now = new Date()) {
  // The origin may come from the request's Host (no APP_URL): never hand out a URL on a
  // link-local or metadata address, which no endpoint may point at.
  const refused = alwaysRefusedHost(origin);
  if (refused) throw new BadRequestError(`This server cannot hand out inbox URLs on ${refused.host}: ${refused.reason} Set APP_URL to this app's public URL.`);
  const store = defaultRateLimitStore(db);
  await chargeInboxCreation(store, orgId, now);
  const token = randomToken(32);
  const inbox = await db
    .$transaction(async (tx) => {
      await lockOrganizationInboxes(tx, orgId);
      await ensureRoomForInbox(tx, orgId, now);
      return tx.inbox.create({
        data: {
          id: newId("inbox", now.getTime()),
          organizationId: orgId,
          token,
          name: input.name ?? DEFAULT_INBOX_NAME,
          url: `${new URL(origin).origin}/api/inbox/${token}`,
          expiresAt: initialExpiry(now),
          createdAt: now,
        },
      });
    })
    .catch(async (error: unknown) => {
      // Refused for the count: the attempt does not use up the hour's creations.
      if (error instanceof ConflictError) await refundInboxCreation(store, orgId, now);
      throw error;
    });
  await recordAudit(db, orgId, actor, "inbox.created", { type: "inbox", id: inbox.id }, { name: inbox.name });
  return inbox;
}

/** The organization's inboxes that have not expired, newest first. */
export async function listInboxes(db: Db, orgId: string, page: PageQuery, now = new Date()) {
  const args = pageArgs(page);
  const rows = await db.inbox.findMany({ ...args, where: { ...args.where, organizationId: orgId, expiresAt: { gt: now } } });
  return toPage(rows, page);
}

/** An inbox of the organization that has not expired, or NotFoundError (also for other organizations' inboxes). */
export async function getInbox(db: Db, orgId: string, inboxId: string, now = new Date()) {
  if (!isPublicId(inboxId)) throw new NotFoundError("Inbox", inboxId);
  const inbox = await db.inbox.findFirst({ where: { id: inboxId, organizationId: orgId, expiresAt: { gt: now } } });
  if (!inbox) throw new NotFoundError("Inbox", inboxId);
  return inbox;
}

/** Deletes the inbox and its requests. Audited. */
export async function deleteInbox(db: Db, orgId: string, inboxId: string, actor: Actor) {
  if (!isPublicId(inboxId)) throw new NotFoundError("Inbox", inboxId);
  const inbox = await db.inbox.findFirst({ where: { id: inboxId, organizationId: orgId } });
  if (!inbox) throw new NotFoundError("Inbox", inboxId);
  await db.inbox.delete({ where: { id: inbox.id } });
  await recordAudit(db, orgId, actor, "inbox.deleted", { type: "inbox", id: inbox.id }, { name: inbox.name });
  return inbox;
}

/** The organization's endpoints that point at one of these inboxes: inbox URL → endpoint id (first by name). */
export async function endpointIdsByInboxUrl(db: Db, orgId: string, inboxes: Pick<InboxRow, "url">[]): Promise<Record<string, string>> {
  const urls = new Set(inboxes.map((i) => i.url));
  if (urls.size === 0) return {};
  const endpoints = await db.endpoint.findMany({ where: { organizationId: orgId }, orderBy: { name: "desc" } });
  const found: Record<string, string> = {};
  for (const endpoint of endpoints) {
    const { url } = openEndpointTarget(endpoint);
    if (urls.has(url)) found[url] = endpoint.id;
  }
  return found;
}

/** The inbox a token opens, expired or not, or null: for the in-process delivery to compare URLs. */
export async function findInboxByToken(db: Db, token: string) {
  if (!isInboxToken(token)) return null;
  return db.inbox.findUnique({ where: { token } });
}

async function openInbox(db: Db, token: string, now: Date) {
  const inbox = isInboxToken(token) ? await db.inbox.findUnique({ where: { token } }) : null;
  // Unknown and expired look the same: the URL no longer takes requests.
  if (!inbox || inbox.expiresAt <= now) throw new NotFoundError("Inbox");
  return inbox;
}

/**
 * Before a request over HTTP is read: the inbox must exist and be open (404), and take at
 * most INBOX_REQUESTS_PER_MINUTE (429). Counted per inbox, never per token (the store keeps its keys).
 */
export async function admitInboxRequest(db: Db, store: RateLimitStore, token: string, now: Date) {
  const inbox = await openInbox(db, token, now);
  await enforceRateLimit(store, `inbox:${inbox.id}`, now, { limit: INBOX_REQUESTS_PER_MINUTE, windowMs: 60_000 }, (r) =>
    `This inbox takes at most ${r.limit} requests per minute; try again in ${r.resetSeconds} s.`,
  );
  return inbox;
}

/** Text PostgreSQL can store: no NUL, no lone surrogate; at most `max` UTF-16 units. */
function storable(text: string, max: number): string {
  return text.slice(0, max).toWellFormed().replaceAll("\u0000", "\uFFFD");
}

/** The body cut to INBOX_BODY_LIMIT bytes of UTF-8 (on a character boundary). */
function cappedBody(body: string): string {
  if (Buffer.byteLength(body) <= INBOX_BODY_LIMIT) return storable(body, body.length);
  return storable(Buffer.from(body).subarray(0, INBOX_BODY_LIMIT).toString("utf8").replace(/\uFFFD$/, ""), INBOX_BODY_LIMIT);
}

function recordedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers).slice(0, MAX_RECORDED_HEADERS)) {
    out[storable(name, MAX_HEADER_NAME)] = storable(String(value), MAX_HEADER_VALUE);
  }
  return out;
}

export interface IncomingRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Records a request sent to the inbox of `token` (unknown or expired: NotFoundError), then makes
 * room by deleting the oldest requests over the quotas (./inbox-quotas.ts: count and bytes per
 * inbox, bytes per organization, age); the new request is always kept. Each request keeps the
 * inbox alive for another lifetime, up to INBOX_MAX_LIFETIME_DAYS after it was made, so an inbox
 * an endpoint delivers to (the demo's) does not expire under it for a month. Headers are kept as
 * sent (it is the organization's own inbox); the body is cut to 256 KiB.
 */
export async function recordInboxRequest(db: Db, token: string, request: IncomingRequest, now: Date) {
  const inbox = await openInbox(db, token, now);
  const headers = recordedHeaders(request.headers);
  const body = cappedBody(request.body);
  return db.$transaction(async (tx) => {
    // One at a time per organization: the byte sums below see every request recorded before.
    await lockOrganizationInboxes(tx, inbox.organizationId);
    const recorded = await tx.inboxRequest.create({
      data: {
        id: newId("req", now.getTime()),
        inboxId: inbox.id,
        method: storable(request.method, 16),
        headers,
        body,
        bytes: requestBytes(headers, body),
        receivedAt: now,
      },
    });
    await trimInboxStorage(tx, inbox.organizationId, inbox.id, recorded.id, now);
    await tx.inbox.update({ where: { id: inbox.id }, data: { expiresAt: extendedExpiry(inbox.createdAt, now) } });
    return recorded;
  });
}

async function signingEndpoint(db: Db, orgId: string, webhookId: string, now: Date): Promise<SigningEndpoint> {
  const endpoint = await getEndpoint(db, orgId, webhookId);
  const prefix = config().signatureHeaderPrefix;
  const secrets = (await signingSecretsByEndpoint(db, [endpoint.id], now)).get(endpoint.id) ?? [];
  return { secrets, compat: compatSignatureOf(endpoint, prefix), headerPrefix: prefix };
}

/**
 * `hidden`: null shows every header value; otherwise the names of the custom headers configured
 * on the organization's endpoints, whose values (and those of credential-named headers) are masked.
 */
function toInboxRequestResource(row: InboxRequestRow, endpoint: SigningEndpoint | null, hidden: readonly string[] | null): InboxRequestResource {
  const headers = row.headers as Record<string, string>;
  const checked = endpoint
    ? checkInboxSignatures({ headers, body: row.body, receivedAt: row.receivedAt }, endpoint)
    : { signature_valid: null, signature_problem: null, compat_signature: null };
  return {
    id: row.id,
    method: row.method,
    headers: hidden === null ? headers : redactHeaderValues(headers, hidden, MASKED_HEADER_VALUE),
    body: row.body,
    received_at: row.receivedAt.toISOString(),
    ...checked,
  };
}

/**
 * A page of the inbox's requests, newest first. With `webhookId` (an endpoint of the same
 * organization), each says whether its signatures verify against that endpoint's active
 * secrets. `reveal`: whether every header value is shown (callers with `webhooks:write`:
 * revealsEndpointSecrets); otherwise the values of headers configured as custom headers on any
 * of the organization's endpoints, and of credential-named headers, are masked: the rule the
 * delivery log records attempts by (redactHeaderValues).
 */
export async function listInboxRequests(
  db: Db,
  orgId: string,
  inboxId: string,
  filter: { webhookId?: string },
  page: PageQuery,
  options: { reveal: boolean; now?: Date },
) {
  const now = options.now ?? new Date();
  const inbox = await getInbox(db, orgId, inboxId, now);
  const endpoint = filter.webhookId ? await signingEndpoint(db, orgId, filter.webhookId, now) : null;
  const hidden = options.reveal ? null : await customHeaderNames(db, orgId);
  const args = pageArgs(page);
  const rows = await db.inboxRequest.findMany({ ...args, where: { ...args.where, inboxId: inbox.id } });
  const result = toPage(rows, page);
  return { items: result.items.map((row) => toInboxRequestResource(row, endpoint, hidden)), nextCursor: result.nextCursor };
}
