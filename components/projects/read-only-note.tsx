/** What a viewer sees instead of a section's controls: which roles may change it. */
export function ReadOnlyNote({ children }: { children: React.ReactNode }) {
  return (
    <p role="note" className="rounded-md bg-neutral-50 px-3 py-2 text-xs text-neutral-600 ring-1 ring-neutral-200">
      {children}
    </p>
  );
}
