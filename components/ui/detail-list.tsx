/** Label/value rows of a card, as a <dl>: the label takes a third of the width; `compact` rows are shorter. */
export function DetailList({ rows, compact }: { rows: [string, React.ReactNode][]; compact?: boolean }) {
  return (
    <dl className="divide-y divide-neutral-100">
      {rows.map(([label, value]) => (
        <div key={label} className={`grid grid-cols-3 gap-4 px-5 text-sm ${compact ? "py-2.5" : "py-3"}`}>
          <dt className="font-medium text-neutral-600">{label}</dt>
          <dd className="col-span-2 text-neutral-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
