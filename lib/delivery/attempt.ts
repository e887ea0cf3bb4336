// One delivery attempt: sign, send, record (§3.4–3.5). Shared by every trigger
// (auto, manual resend, test) and, from the pipeline on, by both engines.
import type { Prisma } from "@/lib/db/generated/client";
import { newId } from "@/lib/db";
import { envelopeBody } from "@/lib/webhooks/payload";
import { signingSecrets } from "@/lib/webhooks/secrets";
import { signatureHeaders } from "@/lib/webhooks/sign";
import type { DeliveryContext } from "./context";
import type { SendResult } from "./sender";

export type AttemptTrigger = "auto" | "manual" | "test";
export const MAX_RECORDED_BODY = 64 * 1024;

const SENSITIVE_HEADER = /(authorization|cookie|token|secret|api[-_]?key|password)/i;

/** Request headers as recorded in the log: credentials in custom headers are masked. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SENSITIVE_HEADER.test(k) ? "[redacted]" : v]));
}

export interface AttemptOutcome extends SendResult {
  attemptId: string;
  number: number;
  succeeded: boolean;
}

/**
 * Performs one attempt of `deliveryId` now and records it. The caller decides what
 * happens next (retry scheduling belongs to the retry policy).
 */
export async function performAttempt(ctx: DeliveryContext, deliveryId: string, trigger: AttemptTrigger): Promise<AttemptOutcome> {
  const delivery = await ctx.db.delivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { endpoint: true, message: true },
  });
  const { endpoint, message } = delivery;
  const now = ctx.now();
  const body = envelopeBody(message);
  const custom = endpoint.headers as Record<string, string>;
  const headers = {
    ...custom,
    ...signatureHeaders({
      msgId: message.id,
      timestamp: Math.floor(now.getTime() / 1000),
      body,
      secrets: await signingSecrets(ctx.db, endpoint.id, now),
      eventType: message.type,
      headerPrefix: ctx.headerPrefix,
    }),
  };
  const result = await ctx.send({ url: endpoint.url, headers, body, timeoutMs: endpoint.timeoutMs ?? undefined });
  const succeeded = result.status !== null && result.status >= 200 && result.status < 300;
  const number = delivery.attemptCount + 1;
  const attemptId = newId("att");
  await ctx.db.deliveryAttempt.create({
    data: {
      id: attemptId,
      deliveryId,
      organizationId: delivery.organizationId,
      endpointId: endpoint.id,
      number,
      trigger,
      requestUrl: endpoint.url,
      requestHeaders: redactHeaders({ "content-type": "application/json", ...headers }),
      requestBody: body.slice(0, MAX_RECORDED_BODY),
      responseStatus: result.status,
      responseHeaders: result.status === null ? undefined : (result.headers as Prisma.InputJsonValue),
      responseBody: result.status === null ? null : result.body,
      durationMs: result.durationMs,
      error: result.error ?? (succeeded ? null : `HTTP ${result.status}`),
      sentAt: now,
    },
  });
  return { ...result, attemptId, number, succeeded };
}
