import { Button, Spinner } from "./button";
import { cx } from "./cx";

/** The panel a list shows while its first page loads. */
export function LoadingPanel({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex items-center justify-center gap-2 rounded-xl bg-white py-12 text-sm text-neutral-500 ring-1 ring-neutral-200">
      <Spinner /> {children}
    </div>
  );
}

/** The alert a list shows when it could not load `what`, with Try again. */
export function LoadFailed({ what, error, onRetry }: { what: string; error: Error; onRetry: () => void }) {
  return (
    <div role="alert" className="rounded-xl bg-danger-50 px-4 py-6 text-sm text-danger-700 ring-1 ring-danger-200">
      Could not load {what}: {error.message}{" "}
      <Button variant="secondary" size="sm" onClick={onRetry}>
        Try again
      </Button>
    </div>
  );
}

/** "Live" with a spinner while a polling query refetches, a green dot between refetches. */
export function LiveIndicator({ fetching, className }: { fetching: boolean; className?: string }) {
  return (
    <span className={cx("flex items-center gap-2 text-xs text-neutral-500", className)} aria-live="polite">
      {fetching ? <Spinner /> : <span className="size-2 rounded-full bg-success-500" aria-hidden />}
      Live
    </span>
  );
}
