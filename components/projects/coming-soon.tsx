/** A section that a later release fills in: says what will be here, and what to do meanwhile. */
export function ComingSoon({ title, points, note }: { title: string; points: string[]; note?: React.ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-neutral-300 bg-white p-8">
      <h2 className="text-base font-semibold text-neutral-900">{title}</h2>
      <p className="mt-1 text-sm text-neutral-600">This section is being built. It will let you:</p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-neutral-700">
        {points.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      {note && <p className="mt-4 text-sm text-neutral-600">{note}</p>}
    </div>
  );
}
