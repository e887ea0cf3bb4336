// What the endpoint form's "Delivery policy" group edits, and how it becomes the API's `policy`
// (docs/delivery.md#delivery-policy). The server validates every limit; the form shows them as
// it goes. The limits are copied from lib/webhooks/schemas.ts, which cannot load in the browser
// (it imports the signer, node:crypto); tests/webhooks/endpoint-form-values.test.ts keeps them equal.
import { DEFAULT_RETRY_SCHEDULE_SECONDS } from "@/lib/delivery/retry-policy";
import type { DeliveryPolicy } from "@/lib/webhooks/schemas";

export const POLICY_LIMITS = {
  maxRetries: 20,
  maxScheduleSeconds: 7 * 24 * 3600,
  minTimeoutSeconds: 1,
  maxTimeoutSeconds: 30,
  defaultTimeoutSeconds: 15,
  maxRatePerSecond: 1000,
} as const;

export const DELAY_UNITS = { s: 1, min: 60, h: 3600 } as const;
export type DelayUnit = keyof typeof DELAY_UNITS;

export type RetryStep = { key: number; amount: string; unit: DelayUnit };

export type PolicyDraft = {
  /** false: the platform's default schedule. */
  customSchedule: boolean;
  steps: RetryStep[];
  /** Seconds as typed; empty: the default. */
  timeoutSeconds: string;
  /** As typed; empty: no cap. */
  maxRate: string;
  ordered: boolean;
};

/** Field error keys of the group, the API's own paths (the server answers with the same ones). */
export const POLICY_FIELDS = {
  schedule: "policy.retry_schedule_seconds",
  step: (index: number) => `policy.retry_schedule_seconds.${index}`,
  timeout: "policy.timeout_ms",
  maxRate: "policy.max_rate_per_second",
  ordered: "policy.ordered",
} as const;

let nextKey = 0;

/** A delay in the largest unit that shows it whole: 300 → 5 min, 90 → 90 s. */
export function retryStep(seconds: number): RetryStep {
  const unit: DelayUnit = seconds % 3600 === 0 ? "h" : seconds % 60 === 0 ? "min" : "s";
  return { key: nextKey++, amount: String(seconds / DELAY_UNITS[unit]), unit };
}

export function newRetryStep(): RetryStep {
  return { key: nextKey++, amount: "", unit: "min" };
}

export function policyDraft(policy: DeliveryPolicy | undefined): PolicyDraft {
  const schedule = policy?.retry_schedule_seconds ?? null;
  return {
    customSchedule: schedule !== null,
    steps: (schedule ?? DEFAULT_RETRY_SCHEDULE_SECONDS).map(retryStep),
    timeoutSeconds: policy?.timeout_ms == null ? "" : String(policy.timeout_ms / 1000),
    maxRate: policy?.max_rate_per_second == null ? "" : String(policy.max_rate_per_second),
    ordered: policy?.ordered ?? false,
  };
}

/** A number typed into a field; null when empty, NaN when it is not a number. */
function typedNumber(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : Number(trimmed);
}

/** The step's delay in seconds; null while it is empty or not a number. */
export function stepSeconds(step: RetryStep): number | null {
  const amount = typedNumber(step.amount);
  if (amount === null || !Number.isFinite(amount)) return null;
  // Rounded to the millisecond so 1.1 min is 66 s, not 66.00000000000001.
  return Math.round(amount * DELAY_UNITS[step.unit] * 1000) / 1000;
}

/** The schedule's total wait, counting only the steps that hold a number. */
export function scheduleTotalSeconds(steps: RetryStep[]): number {
  return steps.reduce((sum, step) => sum + (stepSeconds(step) ?? 0), 0);
}

/**
 * The draft as the API's `policy`, or the errors that keep it from being one (a field that is
 * not a number). Ranges are left to the server, whose messages then sit next to the same fields.
 */
export function policyFromDraft(draft: PolicyDraft): { policy: DeliveryPolicy; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let schedule: number[] | null = null;
  if (draft.customSchedule) {
    if (draft.steps.length === 0) errors[POLICY_FIELDS.schedule] = "Add at least one retry, or choose the default schedule.";
    schedule = draft.steps.map((step, i) => {
      const seconds = stepSeconds(step);
      if (seconds === null) errors[POLICY_FIELDS.step(i)] = `Enter the delay before retry ${i + 1}.`;
      return seconds ?? 0;
    });
  }
  const timeout = typedNumber(draft.timeoutSeconds);
  if (Number.isNaN(timeout)) errors[POLICY_FIELDS.timeout] = "Enter a number of seconds, or leave it empty for the default.";
  const rate = typedNumber(draft.maxRate);
  if (rate !== null && !Number.isInteger(rate)) errors[POLICY_FIELDS.maxRate] = "Enter a whole number of deliveries per second, or leave it empty.";
  return {
    policy: {
      retry_schedule_seconds: schedule,
      timeout_ms: timeout === null || Number.isNaN(timeout) ? null : Math.round(timeout * 1000),
      ordered: draft.ordered,
      max_rate_per_second: rate,
    },
    errors,
  };
}

/** The policy fields that differ from the saved ones (a PATCH then names only those). */
export function changedPolicy(saved: DeliveryPolicy, next: DeliveryPolicy): Partial<DeliveryPolicy> {
  const changes: Partial<DeliveryPolicy> = {};
  if (JSON.stringify(saved.retry_schedule_seconds) !== JSON.stringify(next.retry_schedule_seconds)) {
    changes.retry_schedule_seconds = next.retry_schedule_seconds;
  }
  for (const key of ["timeout_ms", "ordered", "max_rate_per_second"] as const) {
    if (saved[key] !== next[key]) Object.assign(changes, { [key]: next[key] });
  }
  return changes;
}

/** A duration for people: 5 s, 5 min, 2 h, 1 d 3 h 35 min. */
export function formatDuration(totalSeconds: number): string {
  if (totalSeconds < 60) return `${+totalSeconds.toFixed(3)} s`;
  const parts: string[] = [];
  let rest = Math.round(totalSeconds);
  for (const [unit, size] of [["d", 86_400], ["h", 3600], ["min", 60], ["s", 1]] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count} ${unit}`);
    rest -= count * size;
  }
  return parts.join(" ");
}

/** One line saying what the policy does, for the collapsed group and the endpoint's facts. */
export function policySummary(policy: DeliveryPolicy): string {
  const schedule = policy.retry_schedule_seconds;
  const retries = schedule
    ? `${schedule.length} ${schedule.length === 1 ? "retry" : "retries"} over ${formatDuration(schedule.reduce((a, b) => a + b, 0))}`
    : "default retries";
  const timeout = `${formatDuration((policy.timeout_ms ?? POLICY_LIMITS.defaultTimeoutSeconds * 1000) / 1000)} timeout`;
  const rate = policy.max_rate_per_second ? `at most ${policy.max_rate_per_second}/s` : "no rate cap";
  return [retries, timeout, rate, ...(policy.ordered ? ["in order"] : [])].join(" · ");
}
