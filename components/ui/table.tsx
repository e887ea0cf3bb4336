import { cx } from "./cx";

export function Table({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <div className="overflow-x-auto rounded-card bg-white shadow-xs ring-1 ring-neutral-200">
      <table aria-label={label} className="min-w-full divide-y divide-neutral-200 text-sm">
        {children}
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
