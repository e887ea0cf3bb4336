import { Card } from "./card";
import { cx } from "./cx";

/** A titled card of the endpoint page; the title is the section's level-2 heading. */
export function SectionCard({
  id,
  title,
  description,
  actions,
  tone = "default",
  className,
  children,
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  tone?: "default" | "danger";
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Card className={cx(tone === "danger" && "ring-danger-200", className)}>
      <div aria-labelledby={`${id}-title`} role="region" className="flex h-full flex-col">
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-neutral-100 px-5 py-4">
          <div className="min-w-0">
            <h2 id={`${id}-title`} className={cx("text-base font-semibold", tone === "danger" ? "text-danger-700" : "text-neutral-900")}>
              {title}
            </h2>
            {description && <div className="mt-0.5 text-sm text-neutral-600">{description}</div>}
          </div>
          {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
        </div>
        <div className="flex-1 px-5 py-4">{children}</div>
      </div>
    </Card>
  );
}
