/** A tab's content labelled by its level-2 heading: title, description and optional actions, then the children. */
export function TabSection({
  id,
  title,
  description,
  actions,
  busy,
  className = "space-y-4",
  children,
}: {
  id: string;
  title: string;
  description: React.ReactNode;
  actions?: React.ReactNode;
  busy?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const heading = (
    <div>
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {description}
    </div>
  );
  return (
    <section aria-busy={busy || undefined} aria-labelledby={`${id}-heading`} className={className}>
      {actions === undefined ? (
        heading
      ) : (
        <div className="flex flex-wrap items-end justify-between gap-4">
          {heading}
          {actions}
        </div>
      )}
      {children}
    </section>
  );
}
