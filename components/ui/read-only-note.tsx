/**
 * What a member sees instead of (or next to) controls their role may not use: which roles may.
 * Give it an `id` and point the disabled controls' `aria-describedby` at it.
 */
export function ReadOnlyNote({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <p id={id} role="note" className="rounded-md bg-neutral-50 px-3 py-2 text-xs text-neutral-600 ring-1 ring-neutral-200">
      {children}
    </p>
  );
}
