"use client";

/**
 * A collapsible group of a form (<details>): its title and a one-line summary of what it holds,
 * so the form stays short while the values stay visible. Open is controlled, so the form can open
 * it when a field inside is refused.
 */
export function FormDisclosure({
  title,
  summary,
  open,
  onOpenChange,
  children,
}: {
  title: string;
  summary: React.ReactNode;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: React.ReactNode;
}) {
  return (
    <details className="rounded-lg ring-1 ring-neutral-200" open={open} onToggle={(e) => onOpenChange(e.currentTarget.open)}>
      <summary className="cursor-pointer rounded-lg px-3 py-2 text-sm hover:bg-neutral-50">
        <span className="font-medium text-neutral-800">{title}</span>
        <span className="ml-2 text-xs text-neutral-500">{summary}</span>
      </summary>
      <div className="border-t border-neutral-100 px-3 py-4">{children}</div>
    </details>
  );
}
