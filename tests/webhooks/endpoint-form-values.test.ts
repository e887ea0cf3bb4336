// The endpoint form's policy and signature values (components/webhooks/*-values.ts): the limits it
// shows are the API's, what it sends is what the API takes, a PATCH names only what changed, and
// the server's field errors land on the field (or retry step) they are about.
import { describe, expect, it } from "vitest";
import { compatChanged, compatDraft, compatFromDraft, resolvedCompat } from "@/components/webhooks/compat-signature-values";
import {
  formatDuration,
  policyDraft,
  policyFromDraft,
  policySummary,
  POLICY_LIMITS,
  retryStep,
  scheduleTotalSeconds,
  type PolicyDraft,
} from "@/components/webhooks/delivery-policy-values";
import { changedFields, groupOnlyError, serverFieldErrors, type EndpointValues } from "@/components/webhooks/endpoint-values";
import { DEFAULT_RETRY_SCHEDULE_SECONDS } from "@/lib/delivery/retry-policy";
import { DEFAULT_TIMEOUT_MS } from "@/lib/delivery/sender";
import {
  deliveryPolicySchema,
  MAX_RATE_PER_SECOND,
  MAX_RETRY_SCHEDULE_SECONDS,
  MAX_RETRY_STEPS,
  type DeliveryPolicy,
  type WebhookResource,
} from "@/lib/webhooks/schemas";

const PREFIX = "X-Webhook-";
const defaults: DeliveryPolicy = { retry_schedule_seconds: null, timeout_ms: null, ordered: false, max_rate_per_second: null };

function saved(overrides: Partial<WebhookResource> = {}): WebhookResource {
  return {
    id: "ep_1",
    name: "Hook",
    url: "https://example.com/hook",
    description: null,
    events: [],
    project_id: null,
    format: "standard",
    headers: {},
    active: true,
    disabled_reason: null,
    disabled_by: null,
    disabled_at: null,
    policy: defaults,
    compat_signature: { scheme: "timestamped", header: `${PREFIX}Signature` },
    created_at: "2026-03-01T00:00:00.000Z",
    updated_at: "2026-03-01T00:00:00.000Z",
    ...overrides,
  };
}

function values(resource: WebhookResource, overrides: Partial<EndpointValues> = {}): EndpointValues {
  const { name, url, description, project_id, format, headers, active, policy } = resource;
  return {
    name,
    url,
    description,
    project_id,
    format,
    headers,
    active,
    events: [],
    policy,
    compat_signature: compatFromDraft(compatDraft(resource.compat_signature, PREFIX)),
    ...overrides,
  };
}

describe("the limits the form shows", () => {
  it("are the API's", () => {
    expect(POLICY_LIMITS.maxRetries).toBe(MAX_RETRY_STEPS);
    expect(POLICY_LIMITS.maxScheduleSeconds).toBe(MAX_RETRY_SCHEDULE_SECONDS);
    expect(POLICY_LIMITS.maxRatePerSecond).toBe(MAX_RATE_PER_SECOND);
    expect(POLICY_LIMITS.defaultTimeoutSeconds * 1000).toBe(DEFAULT_TIMEOUT_MS);
    const timeout = (seconds: number) => deliveryPolicySchema.safeParse({ ...defaults, timeout_ms: seconds * 1000 }).success;
    expect([POLICY_LIMITS.minTimeoutSeconds, POLICY_LIMITS.maxTimeoutSeconds].map(timeout)).toEqual([true, true]);
    expect([POLICY_LIMITS.minTimeoutSeconds - 0.001, POLICY_LIMITS.maxTimeoutSeconds + 0.001].map(timeout)).toEqual([false, false]);
  });
});

describe("the policy draft", () => {
  it("of a new endpoint is the default, sent as nulls the API accepts, with the default schedule ready to edit", () => {
    const draft = policyDraft(undefined);
    expect(draft).toMatchObject({ customSchedule: false, timeoutSeconds: "", maxRate: "", ordered: false });
    expect(draft.steps.map((s) => `${s.amount} ${s.unit}`)).toEqual(["5 s", "5 min", "30 min", "2 h", "5 h", "10 h", "10 h"]);
    expect(scheduleTotalSeconds(draft.steps)).toBe(DEFAULT_RETRY_SCHEDULE_SECONDS.reduce((a, b) => a + b, 0));
    const { policy, errors } = policyFromDraft(draft);
    expect(errors).toEqual({});
    expect(policy).toEqual(defaults);
    expect(deliveryPolicySchema.parse(policy)).toEqual(defaults);
  });

  it("turns delays in any unit, a timeout in seconds and a rate into the API's numbers", () => {
    const draft: PolicyDraft = {
      customSchedule: true,
      steps: [retryStep(90), { key: -1, amount: "1.5", unit: "h" }, { key: -2, amount: " 2 ", unit: "min" }],
      timeoutSeconds: "2.5",
      maxRate: "40",
      ordered: true,
    };
    expect(draft.steps[0]).toMatchObject({ amount: "90", unit: "s" });
    expect(policyFromDraft(draft)).toEqual({
      policy: { retry_schedule_seconds: [90, 5400, 120], timeout_ms: 2500, ordered: true, max_rate_per_second: 40 },
      errors: {},
    });
  });

  it("names the step, the timeout or the rate it cannot send, on the API's paths", () => {
    const draft: PolicyDraft = {
      customSchedule: true,
      steps: [retryStep(60), { key: -1, amount: "", unit: "min" }],
      timeoutSeconds: "",
      maxRate: "2.5",
      ordered: false,
    };
    expect(Object.keys(policyFromDraft(draft).errors).sort()).toEqual(["policy.max_rate_per_second", "policy.retry_schedule_seconds.1"]);
    expect(policyFromDraft({ ...draft, steps: [] }).errors).toMatchObject({ "policy.retry_schedule_seconds": expect.any(String) });
  });

  it("leaves ranges to the server: a fractional second or an out-of-range value is sent as typed", () => {
    const draft: PolicyDraft = { customSchedule: true, steps: [{ key: -1, amount: "0.5", unit: "s" }], timeoutSeconds: "45", maxRate: "0", ordered: false };
    const { policy, errors } = policyFromDraft(draft);
    expect(errors).toEqual({});
    expect(policy).toMatchObject({ retry_schedule_seconds: [0.5], timeout_ms: 45_000, max_rate_per_second: 0 });
    expect(deliveryPolicySchema.safeParse(policy).success).toBe(false);
  });

  it("is summed up in one line", () => {
    expect(policySummary(defaults)).toBe("default retries · 15 s timeout · no rate cap");
    expect(policySummary({ retry_schedule_seconds: [60, 3600], timeout_ms: 5000, ordered: true, max_rate_per_second: 10 })).toBe(
      "2 retries over 1 h 1 min · 5 s timeout · at most 10/s · in order",
    );
    expect(formatDuration(MAX_RETRY_SCHEDULE_SECONDS)).toBe("7 d");
  });
});

describe("the compatibility signature draft", () => {
  it("shows the default header as empty and sends it back as null; none is null", () => {
    expect(compatDraft(undefined, PREFIX)).toEqual({ scheme: "timestamped", header: "" });
    expect(compatDraft({ scheme: "body-hex", header: `${PREFIX}Signature` }, PREFIX)).toEqual({ scheme: "body-hex", header: "" });
    expect(compatDraft({ scheme: "body-hex", header: "X-Signature" }, PREFIX)).toEqual({ scheme: "body-hex", header: "X-Signature" });
    expect(compatDraft(null, PREFIX)).toEqual({ scheme: "none", header: "" });
    expect(compatFromDraft({ scheme: "body-sha256", header: "  " })).toEqual({ scheme: "body-sha256", header: null });
    expect(compatFromDraft({ scheme: "none", header: "X-Ignored" })).toBeNull();
    expect(resolvedCompat({ scheme: "timestamped", header: "" }, PREFIX)).toEqual({ scheme: "timestamped", header: "X-Webhook-Signature" });
  });

  it("counts as changed only when the scheme or the resolved header differs", () => {
    const current = { scheme: "timestamped" as const, header: "X-Webhook-Signature" };
    expect(compatChanged(current, { scheme: "timestamped", header: null }, PREFIX)).toBe(false);
    expect(compatChanged(current, { scheme: "timestamped", header: "X-Webhook-Signature" }, PREFIX)).toBe(false);
    expect(compatChanged(current, { scheme: "body-hex", header: null }, PREFIX)).toBe(true);
    expect(compatChanged(current, null, PREFIX)).toBe(true);
    expect(compatChanged(null, null, PREFIX)).toBe(false);
  });
});

describe("a PATCH from the form", () => {
  it("is empty when nothing changed, and names only the policy fields that did", () => {
    const endpoint = saved({ policy: { retry_schedule_seconds: [60], timeout_ms: 5000, ordered: false, max_rate_per_second: null } });
    expect(changedFields(endpoint, values(endpoint), PREFIX)).toEqual({});
    const next = values(endpoint, { policy: { ...endpoint.policy, ordered: true, retry_schedule_seconds: [60, 120] } });
    expect(changedFields(endpoint, next, PREFIX)).toEqual({ policy: { ordered: true, retry_schedule_seconds: [60, 120] } });
  });

  it("sends the whole signature when it changed", () => {
    const endpoint = saved();
    const next = values(endpoint, { compat_signature: { scheme: "body-sha256", header: "X-Hub-Signature-256" } });
    expect(changedFields(endpoint, next, PREFIX)).toEqual({ compat_signature: { scheme: "body-sha256", header: "X-Hub-Signature-256" } });
  });
});

describe("server field errors in the form", () => {
  it("keep the whole path for the policy and the signature, and the top-level name for the rest", () => {
    const errors = serverFieldErrors([
      { field: "policy.retry_schedule_seconds.2", message: "Delays are whole seconds." },
      { field: "policy.timeout_ms", message: "The timeout is at most 30 seconds (30000 ms)." },
      { field: "compat_signature.header", message: "Choose another name." },
      { field: "url", message: "Use an https:// URL." },
    ]);
    expect(errors).toMatchObject({
      "policy.retry_schedule_seconds.2": "Delays are whole seconds.",
      "policy.timeout_ms": "The timeout is at most 30 seconds (30000 ms).",
      "compat_signature.header": "Choose another name.",
      url: "Use an https:// URL.",
    });
    // Shown once: next to the header, not again for the group.
    expect(groupOnlyError(errors, "compat_signature")).toBeUndefined();
    expect(groupOnlyError(serverFieldErrors([{ field: "compat_signature", message: "Invalid input" }]), "compat_signature")).toBe("Invalid input");
  });
});
