"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Field, Input, Select } from "@/components/ui/field";
import { RadioCards } from "@/components/ui/radio-cards";
import { ActiveSwitch } from "@/components/ui/switch";
import { DEFAULT_RETRY_SCHEDULE_SECONDS } from "@/lib/delivery/retry-policy";
import {
  DELAY_UNITS,
  formatDuration,
  newRetryStep,
  POLICY_FIELDS,
  POLICY_LIMITS,
  scheduleTotalSeconds,
  stepSeconds,
  type DelayUnit,
  type PolicyDraft,
  type RetryStep,
} from "./delivery-policy-values";
import { groupOnlyError } from "./endpoint-values";

const DEFAULT_SCHEDULE = `${DEFAULT_RETRY_SCHEDULE_SECONDS.map(formatDuration).join(", ")}: ${DEFAULT_RETRY_SCHEDULE_SECONDS.length} retries over ${formatDuration(
  DEFAULT_RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0),
)}.`;

const UNIT_OPTIONS = (Object.keys(DELAY_UNITS) as DelayUnit[]).map((unit) => ({
  value: unit,
  label: { s: "seconds", min: "minutes", h: "hours" }[unit],
}));

/**
 * Retries, timeout, rate cap and order of one endpoint (docs/delivery.md#delivery-policy).
 * `errors` are keyed by the API's paths (`policy.timeout_ms`, `policy.retry_schedule_seconds.2`).
 */
export function DeliveryPolicyFields({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: PolicyDraft;
  onChange: (next: PolicyDraft) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const id = useId();
  const set = (patch: Partial<PolicyDraft>) => onChange({ ...value, ...patch });
  return (
    <div className="space-y-5">
      <div>
        <RadioCards
          name="retry_schedule"
          legend="Retry schedule"
          layout="mt-2 grid gap-2 sm:grid-cols-2"
          options={[
            { value: "default", label: "Default", description: DEFAULT_SCHEDULE },
            {
              value: "custom",
              label: "Custom",
              description: `Your own delays: 1–${POLICY_LIMITS.maxRetries} retries, whole seconds, ${formatDuration(POLICY_LIMITS.maxScheduleSeconds)} in total at most.`,
            },
          ]}
          value={value.customSchedule ? "custom" : "default"}
          onChange={(choice) => set({ customSchedule: choice === "custom" })}
        />
        {value.customSchedule && <RetrySteps steps={value.steps} onChange={(steps) => set({ steps })} errors={errors} disabled={disabled} />}
        {!value.customSchedule && errors[POLICY_FIELDS.schedule] && (
          <p role="alert" className="mt-2 text-xs text-danger-600">
            {errors[POLICY_FIELDS.schedule]}
          </p>
        )}
        {groupOnlyError(errors, "policy") && (
          <p role="alert" className="mt-2 text-xs text-danger-600">
            {groupOnlyError(errors, "policy")}
          </p>
        )}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <Field
          label="Timeout (seconds)"
          hint={`${POLICY_LIMITS.minTimeoutSeconds}–${POLICY_LIMITS.maxTimeoutSeconds} s to connect and answer. Empty: ${POLICY_LIMITS.defaultTimeoutSeconds} s.`}
          error={errors[POLICY_FIELDS.timeout]}
        >
          {(p) => (
            <Input
              {...p}
              name="timeout_seconds"
              type="number"
              step="any"
              inputMode="decimal"
              placeholder={String(POLICY_LIMITS.defaultTimeoutSeconds)}
              value={value.timeoutSeconds}
              onChange={(e) => set({ timeoutSeconds: e.target.value })}
              className="max-w-40"
            />
          )}
        </Field>
        <Field
          label="Max deliveries per second"
          hint={`1–${POLICY_LIMITS.maxRatePerSecond} attempts started per second; the rest wait, none is dropped. Empty: no cap.`}
          error={errors[POLICY_FIELDS.maxRate]}
        >
          {(p) => (
            <Input
              {...p}
              name="max_rate_per_second"
              type="number"
              step="any"
              inputMode="numeric"
              placeholder="No cap"
              value={value.maxRate}
              onChange={(e) => set({ maxRate: e.target.value })}
              className="max-w-40"
            />
          )}
        </Field>
      </div>

      <div className="flex items-start gap-3">
        <ActiveSwitch checked={value.ordered} onChange={(ordered) => set({ ordered })} label="Ordered delivery" describedBy={`${id}-ordered`} disabled={disabled} />
        <div className="text-sm">
          <span className="block font-medium text-neutral-900">Ordered delivery</span>
          <span id={`${id}-ordered`} className="block text-xs text-neutral-500">
            One message at a time, oldest first: the next waits until the previous succeeded or failed for good. Slower; for receivers
            that need events in order.
          </span>
          {errors[POLICY_FIELDS.ordered] && (
            <span role="alert" className="mt-1 block text-xs text-danger-600">
              {errors[POLICY_FIELDS.ordered]}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

/** The custom schedule: one row per retry, its delay and unit, and when it falls after the first attempt. */
function RetrySteps({
  steps,
  onChange,
  errors,
  disabled,
}: {
  steps: RetryStep[];
  onChange: (steps: RetryStep[]) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}) {
  const id = useId();
  const update = (key: number, patch: Partial<RetryStep>) => onChange(steps.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const total = scheduleTotalSeconds(steps);
  const tooLong = total > POLICY_LIMITS.maxScheduleSeconds;
  const scheduleError = errors[POLICY_FIELDS.schedule];
  // When each retry falls, counted from the first attempt.
  const elapsed = steps.map((_, i) => scheduleTotalSeconds(steps.slice(0, i + 1)));
  return (
    <div className="mt-3 rounded-tile bg-neutral-50 px-3 py-3 ring-1 ring-neutral-200">
      <ol aria-label="Retry delays" aria-describedby={`${id}-total${scheduleError ? ` ${id}-error` : ""}`} className="space-y-2">
        {steps.map((step, i) => {
          const seconds = stepSeconds(step);
          const error = errors[POLICY_FIELDS.step(i)];
          return (
            <li key={step.key}>
              <div className="flex flex-wrap items-center gap-2">
                <span className="w-24 shrink-0 text-sm whitespace-nowrap text-neutral-700">Retry {i + 1} after</span>
                <div className="w-24 shrink-0">
                  <Input
                    aria-label={`Delay before retry ${i + 1}`}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${id}-step-${step.key}-error` : undefined}
                    type="number"
                    step="any"
                    inputMode="decimal"
                    value={step.amount}
                    onChange={(e) => update(step.key, { amount: e.target.value })}
                    disabled={disabled}
                  />
                </div>
                <div className="w-28 shrink-0">
                  <Select
                    aria-label={`Unit of retry ${i + 1}`}
                    value={step.unit}
                    onChange={(e) => update(step.key, { unit: e.target.value as DelayUnit })}
                    options={UNIT_OPTIONS}
                    disabled={disabled}
                  />
                </div>
                <span className="min-w-36 text-xs text-neutral-500 tabular-nums">{seconds === null ? "" : `at +${formatDuration(elapsed[i])}`}</span>
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={`Remove retry ${i + 1}`}
                  onClick={() => onChange(steps.filter((s) => s.key !== step.key))}
                  disabled={disabled}
                >
                  Remove
                </Button>
              </div>
              {error && (
                <p id={`${id}-step-${step.key}-error`} role="alert" className="mt-1 text-xs text-danger-600">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onChange([...steps, newRetryStep()])}
          disabled={disabled || steps.length >= POLICY_LIMITS.maxRetries}
        >
          Add retry
        </Button>
        <p id={`${id}-total`} className={cx("text-xs", tooLong ? "text-danger-600" : "text-neutral-500")}>
          {steps.length} of {POLICY_LIMITS.maxRetries} retries · {formatDuration(total)} of {formatDuration(POLICY_LIMITS.maxScheduleSeconds)} in total
          {tooLong ? ": shorten the delays." : ". After the last retry the delivery fails for good."}
        </p>
      </div>
      {scheduleError && (
        <p id={`${id}-error`} role="alert" className="mt-2 text-xs text-danger-600">
          {scheduleError}
        </p>
      )}
    </div>
  );
}
