// The one retry policy (docs/delivery.md#retries): after the first attempt, retry after 5 s, 5 min, 30 min,
// 2 h, 5 h, 10 h and 10 h, then give up. A Retry-After on 429/503 is honoured when it is
// longer than the step, capped at the step after it. Endpoints may bring their own schedule.

export const DEFAULT_RETRY_SCHEDULE_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;

/**
 * Seconds to wait before the next attempt, after `attemptsMade` attempts have failed,
 * or null when the schedule is exhausted.
 */
export function nextRetryDelaySeconds(
  attemptsMade: number,
  schedule: readonly number[] = DEFAULT_RETRY_SCHEDULE_SECONDS,
  retryAfterSeconds?: number | null,
): number | null {
  const steps = schedule.length ? schedule : DEFAULT_RETRY_SCHEDULE_SECONDS;
  const step = steps[attemptsMade - 1];
  if (step === undefined) return null;
  if (retryAfterSeconds && retryAfterSeconds > step) {
    const cap = steps[attemptsMade] ?? step;
    return Math.min(retryAfterSeconds, Math.max(cap, step));
  }
  return step;
}

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}
