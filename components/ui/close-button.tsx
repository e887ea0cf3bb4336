/** The ✕ button in the corner of a dialog or drawer. */
export function CloseButton({ onClick }: { onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label="Close"
      className="rounded-control p-1 text-neutral-500 hover:bg-neutral-100 hover:text-neutral-800"
    >
      ✕
    </button>
  );
}
