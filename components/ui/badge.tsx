import { cx } from "./cx";

// The one map from status names to colours; every badge in the app reads it.
// Colours are the semantic tokens from tailwind.config.ts (neutral, brand, success, warning, danger).
const TONES = {
  neutral: "bg-neutral-100 text-neutral-700 ring-neutral-200",
  info: "bg-brand-50 text-brand-700 ring-brand-100",
  success: "bg-success-50 text-success-700 ring-success-200",
  warning: "bg-warning-50 text-warning-800 ring-warning-200",
  danger: "bg-danger-50 text-danger-700 ring-danger-200",
} as const;

export type Tone = keyof typeof TONES;

export const STATUS_TONES: Record<string, Tone> = {
  active: "success",
  succeeded: "success",
  queued: "neutral",
  pending: "info",
  started: "info",
  failed: "danger",
  revoked: "danger",
  expired: "warning",
  disabled: "warning",
  cancelled: "neutral",
  canceled: "neutral",
  superseded: "neutral",
  owner: "info",
  admin: "info",
  developer: "neutral",
  viewer: "neutral",
};

export function Badge({ tone, children, className }: { tone?: Tone; children: React.ReactNode; className?: string }) {
  return (
    <span
      className={cx(
        "inline-flex items-center rounded-pill px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        TONES[tone ?? "neutral"],
        className,
      )}
    >
      {children}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONES[status] ?? "neutral"}>{status}</Badge>;
}
