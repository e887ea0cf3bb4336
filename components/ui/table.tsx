import { cx } from "./cx";

/** A column heading; `srOnly` keeps it for screen readers only (action columns). Falsy entries are left out. */
type Column = string | { label: string; className?: string; srOnly?: boolean } | false | null | undefined;

/** A labelled data table: the heading row from `columns`, then the rows given as children. */
export function Table({ label, columns, children }: { label: string; columns: Column[]; children: React.ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-card bg-white shadow-xs ring-1 ring-neutral-200">
      <table aria-label={label} className="min-w-full divide-y divide-neutral-200 text-sm">
        <thead className="bg-neutral-50">
          <tr>
            {columns.map((column) => {
              if (!column) return null;
              const { label: heading, className, srOnly } = typeof column === "string" ? { label: column } : column;
              return (
                <Th key={heading} className={className}>
                  {srOnly ? <span className="sr-only">{heading}</span> : heading}
                </Th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Th({ children, className }: { children?: React.ReactNode; className?: string }) {
  return (
    <th scope="col" className={cx("px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-neutral-500 uppercase", className)}>
      {children}
    </th>
  );
}

export function Td({ children, className }: { children?: React.ReactNode; className?: string }) {
  return <td className={cx("px-4 py-3 align-middle text-neutral-700", className)}>{children}</td>;
}
