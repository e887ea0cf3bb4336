import { CopyButton } from "@/components/ui/copy-button";

/** A titled, copyable code block. */
export function SnippetBlock({ title, code, hint }: { title: string; code: string; hint?: React.ReactNode }) {
  return (
    <figure aria-label={title} className="space-y-1.5">
      <div className="flex items-end justify-between gap-2">
        <figcaption className="text-sm font-medium text-neutral-800">
          {title}
          {hint && <span className="block text-xs font-normal text-neutral-500">{hint}</span>}
        </figcaption>
        <CopyButton value={code} />
      </div>
      {/* Focusable: a long line scrolls sideways, and the keyboard must reach it too. */}
      <pre tabIndex={0} className="overflow-x-auto rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 bg-neutral-900 px-3 py-2.5 font-mono text-xs leading-relaxed text-neutral-100">
        <code>{code}</code>
      </pre>
    </figure>
  );
}
