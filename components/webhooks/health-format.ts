// How endpoint health reads in the dashboard (docs/delivery.md#endpoint-health): rates, counts,
// latencies and the tone a success rate gets, shared by the endpoint list and the Health card.
import type { Tone } from "@/components/ui/badge";
import type { EndpointHealth } from "@/lib/webhooks/schemas";

/** 0.99234 → "99.2%". Rounded down, so only a perfect run reads "100%". */
export function formatRate(rate: number): string {
  if (rate >= 1) return "100%";
  return `${(Math.floor(rate * 1000) / 10).toFixed(1)}%`;
}

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en");

/** 1234 → "1.2k" (for tight spaces); `formatCountExact` gives "1,234". */
export function formatCount(count: number): string {
  return compact.format(count).toLowerCase();
}

export function formatCountExact(count: number): string {
  return whole.format(count);
}

/** 87 → "87 ms", 1530 → "1.53 s". */
export function formatLatency(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Green from 99%, amber from 90%, red below; neutral without attempts. */
export function rateTone(rate: number | null): Tone {
  if (rate === null) return "neutral";
  if (rate >= 0.99) return "success";
  return rate >= 0.9 ? "warning" : "danger";
}

export const HEALTH_STATE_LABELS: Record<EndpointHealth["state"], { label: string; tone: Tone }> = {
  active: { label: "active", tone: "success" },
  disabled: { label: "disabled", tone: "warning" },
  auto_disabled: { label: "auto-disabled", tone: "danger" },
};
