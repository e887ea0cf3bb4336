import { cx } from "./cx";

/** A pulsing grey bar standing in for text or a control while a page loads; `className` sizes it. */
export function SkeletonBar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded bg-neutral-200 ${className}`} />;
}

/** A placeholder card holding one SkeletonBar per entry of `bars` (their size classes). */
export function SkeletonCard({ bars, className }: { bars: string[]; className?: string }) {
  return (
    <div className={cx("rounded-xl bg-white p-5 ring-1 ring-neutral-200", className)}>
      {bars.map((bar) => (
        <SkeletonBar key={bar} className={bar} />
      ))}
    </div>
  );
}
