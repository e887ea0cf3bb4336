// What an attempt's result means for its delivery and endpoint (docs/delivery.md#retries, #receiver-abort). Pure: the
// delivery core applies the decision; tests feed it results and a clock.
import { nextRetryDelaySeconds, parseRetryAfter } from "./retry-policy";
import type { SendResult } from "./sender";

export type AttemptTrigger = "auto" | "manual" | "test";

export interface DeliveryState {
  status: "pending" | "succeeded" | "failed";
  attemptCount: number;
  nextAttemptAt: Date | null;
  /** "manual" when a resend, recovery or replay queued this attempt. */
  nextTrigger?: AttemptTrigger;
}

export interface Decision {
  status: "pending" | "succeeded" | "failed";
  nextAttemptAt: Date | null;
  lastError: string | null;
  /** What the attempt says about the endpoint's health. */
  endpoint: "succeeded" | "failed" | "gone";
}

export function isSuccess(result: SendResult): boolean {
  return result.status !== null && result.status >= 200 && result.status < 300;
}

export function decide(
  delivery: DeliveryState,
  result: SendResult,
  trigger: AttemptTrigger,
  schedule: readonly number[],
  now: Date,
): Decision {
  if (isSuccess(result)) return { status: "succeeded", nextAttemptAt: null, lastError: null, endpoint: "succeeded" };
  const error = result.error ?? `HTTP ${result.status}${result.body ? `: ${result.body.slice(0, 200)}` : ""}`;
  if (result.status === 410) {
    return { status: "failed", nextAttemptAt: null, lastError: "410 Gone: the endpoint asked to be disabled.", endpoint: "gone" };
  }
  if (result.headers["webhook-delivery"]?.toLowerCase() === "abort") {
    return { status: "failed", nextAttemptAt: null, lastError: `${error} (the receiver asked to stop retrying)`, endpoint: "failed" };
  }
  // Tests are answered once. A manual attempt (resend, recovery, replay) is one more try: it
  // leaves a delivery that is still on its retry schedule on it, and otherwise fails for good.
  if (trigger === "test") return { status: "failed", nextAttemptAt: null, lastError: error, endpoint: "failed" };
  if (trigger === "manual") {
    const onSchedule = delivery.status === "pending" && delivery.nextTrigger !== "manual";
    return onSchedule
      ? { status: "pending", nextAttemptAt: delivery.nextAttemptAt, lastError: error, endpoint: "failed" }
      : { status: "failed", nextAttemptAt: null, lastError: error, endpoint: "failed" };
  }
  const attemptsMade = delivery.attemptCount + 1;
  const retryAfter = result.status === 429 || result.status === 503 ? parseRetryAfter(result.headers["retry-after"], now) : null;
  const delay = nextRetryDelaySeconds(attemptsMade, schedule, retryAfter);
  if (delay === null) return { status: "failed", nextAttemptAt: null, lastError: error, endpoint: "failed" };
  return { status: "pending", nextAttemptAt: new Date(now.getTime() + delay * 1000), lastError: error, endpoint: "failed" };
}
