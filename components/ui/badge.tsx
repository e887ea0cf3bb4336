import { cx } from "./cx";

// The one map from status names to colours; every badge in the app reads it.
const TONES = {
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  info: "bg-brand-50 text-brand-700 ring-brand-100",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  warning: "bg-amber-50 text-amber-800 ring-amber-200",
  danger: "bg-red-50 text-red-700 ring-red-200",
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
        "inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
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
