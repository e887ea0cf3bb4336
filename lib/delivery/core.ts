// The delivery core (docs/delivery.md#attempts), shared by the embedded worker, Inngest,
// resends and tests: load a batch of deliveries, sign and send each (bounded concurrency),
// then record every attempt and every decision in a few batched statements.
import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { newId } from "@/lib/db";
import {
  compatSignatureOf,
  maskEndpointUrl,
  openEndpointTarget,
  payloadBody,
  recordEndpointResults,
  recordHealth,
  redactHeaderValues,
  REDACTED_HEADER_VALUE,
  signatureHeaders,
  signingSecretsColumn,
  signingSecretsOf,
  type EndpointRow,
  type EndpointTarget,
  type EnvelopeSource,
} from "@/lib/webhooks";
import { publishEndpointsDisabled } from "./auto-disable";
import type { DeliveryContext } from "./context";
import { decide, type AttemptTrigger, type Decision, type DeliveryState } from "./decide";
import type { SendResult } from "./sender";

export const MAX_RECORDED_BODY = 64 * 1024;

/** An endpoint's real URL and headers, decrypted once per batch, and the URL the log records (masked). */
type Target = EndpointTarget & { loggedUrl: string };

/** What one attempt needs, as one joined query loads it. */
interface JobRow {
  id: string;
  organizationId: string;
  endpointId: string;
  status: DeliveryState["status"];
  attemptCount: number;
  nextAttemptAt: Date | null;
  nextTrigger: AttemptTrigger;
  url: string;
  urlEncrypted: string | null;
  headers: unknown;
  headersEncrypted: string | null;
  format: "standard" | "slack" | "discord";
  retrySchedule: number[];
  timeoutMs: number | null;
  compatScheme: EndpointRow["compatScheme"];
  compatHeader: string | null;
  /** Ordered or rate-capped: settling this delivery may let another of its endpoint be claimed. */
  constrained: boolean;
  messageId: string;
  messageType: string;
  payload: unknown;
  messageCreatedAt: Date;
  /** The endpoint's signing secrets, encrypted (signingSecretsColumn). */
  secrets: unknown;
}

/** A delivery loaded for an attempt: the row, its endpoint's target and signing secrets, its message. */
export interface DeliveryJob {
  delivery: JobRow;
  message: EnvelopeSource;
  secrets: string[];
  target: Target;
}

/**
 * Loads a batch of deliveries with their endpoint, its signing secrets and their message in one
 * joined query, decrypting each endpoint's target and secrets once per batch.
 * Deliveries that no longer exist are left out.
 */
export async function loadJobs(ctx: DeliveryContext, ids: string[]): Promise<DeliveryJob[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db.$queryRawUnsafe<JobRow[]>(
    `SELECT d.id, d."organizationId", d."endpointId", d.status::text AS status, d."attemptCount", d."nextAttemptAt",
            d."nextTrigger"::text AS "nextTrigger",
            e.url, e."urlEncrypted", e.headers, e."headersEncrypted", e.format::text AS format, e."retrySchedule",
            e."timeoutMs", e."compatScheme"::text AS "compatScheme", e."compatHeader",
            (e.ordered OR e."maxRatePerSec" IS NOT NULL) AS constrained,
            m.id AS "messageId", m.type AS "messageType", m.payload, m."createdAt" AS "messageCreatedAt",
            ${signingSecretsColumn("e.id", "$2")} AS secrets
       FROM "Delivery" d
       JOIN "Endpoint" e ON e.id = d."endpointId"
       JOIN "Message" m ON m.id = d."messageId"
      WHERE d.id = ANY($1::text[])
      ORDER BY d."nextAttemptAt", d.id`,
    ids,
    ctx.now().toISOString(),
  );
  // Per endpoint, once per batch: its target and its secrets, decrypted.
  const endpoints = new Map<string, { target: Target; secrets: string[] }>();
  return rows.map((row) => {
    let endpoint = endpoints.get(row.endpointId);
    if (!endpoint) {
      const opened = openEndpointTarget(row);
      endpoint = { target: { ...opened, loggedUrl: maskEndpointUrl(opened.url) }, secrets: signingSecretsOf(row.secrets) };
      endpoints.set(row.endpointId, endpoint);
    }
    const message = { id: row.messageId, type: row.messageType, payload: row.payload, createdAt: new Date(row.messageCreatedAt) };
    return { delivery: row, message, secrets: endpoint.secrets, target: endpoint.target };
  });
}

export interface DeliveryOutcome {
  deliveryId: string;
  endpointId: string;
  attemptId: string;
  attemptNumber: number;
  result: SendResult;
  decision: Decision;
}

/** The result of one attempt: the attempt's log row and what it decided, not yet recorded. */
export interface AttemptMade {
  attemptRow: Prisma.DeliveryAttemptCreateManyInput;
  outcome: DeliveryOutcome;
}

/**
 * Signs and sends one delivery now and decides what its result means. Nothing is written:
 * recordAttempts() stores a batch of these. `bodies` caches each message's body per format
 * across the batch.
 */
export async function attemptJob(ctx: DeliveryContext, job: DeliveryJob, requested: AttemptTrigger, bodies: Map<string, string>): Promise<AttemptMade> {
  const { delivery, message, secrets, target } = job;
  // Recoveries and replays are queued for the worker but remain manual attempts.
  const trigger = requested === "auto" && delivery.nextTrigger !== "auto" ? delivery.nextTrigger : requested;
  const now = ctx.now();
  // Bodies are built once per message and format, not per endpoint.
  const bodyKey = `${message.id}:${delivery.format}`;
  let body = bodies.get(bodyKey);
  if (body === undefined) {
    body = payloadBody(delivery.format, message);
    bodies.set(bodyKey, body);
  }
  const headers = {
    ...target.headers,
    ...signatureHeaders({
      msgId: message.id,
      timestamp: Math.floor(now.getTime() / 1000),
      body,
      secrets,
      eventType: message.type,
      headerPrefix: ctx.headerPrefix,
      compat: compatSignatureOf(delivery, ctx.headerPrefix),
    }),
  };
  const result = await ctx.send({ url: target.url, headers, body, timeoutMs: delivery.timeoutMs ?? undefined });
  const decision = decide(delivery, result, trigger, delivery.retrySchedule, ctx.now());
  const attemptRow: Prisma.DeliveryAttemptCreateManyInput = {
    id: newId("att", now.getTime()),
    deliveryId: delivery.id,
    organizationId: delivery.organizationId,
    endpointId: delivery.endpointId,
    number: delivery.attemptCount + 1,
    trigger,
    // The log never holds the endpoint's secrets: the URL masked, its custom header values and
    // credential-named headers redacted (the rule the test inbox shows its requests by).
    requestUrl: target.loggedUrl,
    requestHeaders: redactHeaderValues({ "content-type": "application/json", ...headers }, Object.keys(target.headers), REDACTED_HEADER_VALUE),
    requestBody: body.slice(0, MAX_RECORDED_BODY),
    responseStatus: result.status,
    responseHeaders: result.status === null ? undefined : result.headers,
    responseBody: result.status === null ? null : result.body,
    durationMs: result.durationMs,
    error: decision.status === "succeeded" ? null : decision.lastError,
    sentAt: now,
  };
  return { attemptRow, outcome: { deliveryId: delivery.id, endpointId: delivery.endpointId, attemptId: attemptRow.id!, attemptNumber: attemptRow.number, result, decision } };
}

/**
 * Runs `fn` over `items` with at most `limit` in flight, and at most `perKeyLimit` in flight
 * for items of the same key (one endpoint must not take every slot).
 */
async function mapConcurrent<T, R>(
  items: T[],
  limit: number,
  key: (item: T) => string,
  perKeyLimit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  const waiting = items.map((_, i) => i);
  const inFlight = new Map<string, number>();
  let running = 0;
  return new Promise((resolve, reject) => {
    const pump = () => {
      if (waiting.length === 0 && running === 0) return resolve(out);
      for (let w = 0; w < waiting.length && running < limit; ) {
        const index = waiting[w];
        const k = key(items[index]);
        if ((inFlight.get(k) ?? 0) >= perKeyLimit) {
          w++;
          continue;
        }
        waiting.splice(w, 1);
        running++;
        inFlight.set(k, (inFlight.get(k) ?? 0) + 1);
        fn(items[index]).then(
          (value) => {
            out[index] = value;
            running--;
            inFlight.set(k, inFlight.get(k)! - 1);
            pump();
          },
          reject,
        );
      }
    };
    pump();
  });
}

/**
 * Attempts each delivery once now and records the attempts and decisions. Deliveries that
 * no longer exist are skipped. Returns one outcome per attempted delivery.
 */
export async function runDeliveries(
  ctx: DeliveryContext,
  deliveryIds: string[],
  trigger: AttemptTrigger,
  options: { concurrency?: number; perKeyLimit?: number } = {},
): Promise<DeliveryOutcome[]> {
  if (deliveryIds.length === 0) return [];
  const jobs = await loadJobs(ctx, deliveryIds);
  const bodies = new Map<string, string>();
  const done = await mapConcurrent(
    jobs,
    options.concurrency ?? 32,
    (job) => job.delivery.endpointId,
    options.perKeyLimit ?? Number.POSITIVE_INFINITY,
    (job) => attemptJob(ctx, job, trigger, bodies),
  );
  await recordAttempts(ctx, done);
  return done.map((d) => d.outcome);
}

/**
 * Stores a batch of attempts and applies their decisions, in a few statements for the whole
 * batch: the attempts, the health rollup, the deliveries (which also ends their leases), and
 * the endpoints' success/failure state.
 */
export async function recordAttempts(ctx: DeliveryContext, made: AttemptMade[]) {
  if (made.length === 0) return;
  const { db } = ctx;
  const attempts = made.map((m) => m.attemptRow);
  const outcomes = made.map((m) => m.outcome);
  const now = ctx.now();
  // The attempts and the deliveries' new state in one statement (one round trip, one commit):
  // the batch travels as one JSON document, which PostgreSQL parses faster than the driver
  // escapes fifteen arrays. An attempt whose delivery was deleted meanwhile (its endpoint
  // deleted, say) is dropped instead of failing the batch. `d.id = ANY($3)` looks the
  // deliveries up by primary key instead of hashing the whole table to join the batch.
  const rows = made.map(({ attemptRow: a, outcome: o }) => ({
    id: a.id,
    delivery: a.deliveryId,
    org: a.organizationId,
    endpoint: a.endpointId,
    number: a.number,
    trigger: a.trigger,
    url: a.requestUrl,
    req_headers: a.requestHeaders,
    req_body: a.requestBody,
    status: o.result.status,
    res_headers: a.responseHeaders ?? null,
    res_body: a.responseBody ?? null,
    duration: a.durationMs,
    attempt_error: a.error ?? null,
    error: o.decision.lastError,
    sent: a.sentAt,
    outcome: o.decision.status,
    next: o.decision.nextAttemptAt,
  }));
  await db.$executeRawUnsafe(
    `WITH v AS (
       SELECT * FROM json_to_recordset($1::json) AS v(id text, delivery text, org text, endpoint text, number int, trigger text,
         url text, req_headers jsonb, req_body text, status int, res_headers jsonb, res_body text, duration int, attempt_error text, error text,
         sent timestamp(3), outcome text, next timestamp(3))
        WHERE EXISTS (SELECT 1 FROM "Delivery" d WHERE d.id = v.delivery)
     ), attempts AS (
       INSERT INTO "DeliveryAttempt" ("id", "deliveryId", "organizationId", "endpointId", "number", "trigger", "requestUrl",
           "requestHeaders", "requestBody", "responseStatus", "responseHeaders", "responseBody", "durationMs", "error", "sentAt")
       SELECT v.id, v.delivery, v.org, v.endpoint, v.number, v.trigger::"AttemptTrigger", v.url,
              v.req_headers, v.req_body, v.status, v.res_headers, v.res_body, v.duration, v.attempt_error, v.sent
         FROM v
     )
     UPDATE "Delivery" AS d
        SET "status" = v.outcome::"DeliveryStatus",
            "attemptCount" = v.number,
            "nextAttemptAt" = v.next,
            "lastResponseStatus" = v.status,
            "lastError" = v.error,
            "leaseUntil" = NULL,
            "nextTrigger" = 'auto',
            "updatedAt" = $2::timestamp(3)
       FROM v
      WHERE d.id = v.delivery AND d.id = ANY($3::text[])`,
    JSON.stringify(rows),
    now.toISOString(),
    rows.map((r) => r.delivery),
  );
  // The hourly health rollup (docs/delivery.md#endpoint-health), in one statement for the batch.
  await recordHealth(
    db,
    attempts.map((a) => ({
      endpointId: a.endpointId,
      sentAt: a.sentAt as Date,
      durationMs: a.durationMs,
      ok: a.responseStatus !== null && a.responseStatus !== undefined && a.responseStatus >= 200 && a.responseStatus < 300,
    })),
  );

  const endpointsWith = (result: Decision["endpoint"]) => [...new Set(outcomes.filter((o) => o.decision.endpoint === result).map((o) => o.endpointId))];
  const disabled = await recordEndpointResults(db, { succeeded: endpointsWith("succeeded"), failed: endpointsWith("failed"), gone: endpointsWith("gone") }, now);
  await publishEndpointsDisabled(db, disabled, now);
}
