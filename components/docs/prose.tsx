import Link from "next/link";
import { neighboursOf } from "./pages";

// Text styles of a docs page, applied to its plain elements so pages stay readable markup.
const INLINE = [
  "[&_a]:font-medium [&_a]:text-brand-700 [&_a:hover]:underline [&_strong]:font-semibold [&_strong]:text-neutral-900",
  "[&_:not(pre)>code]:rounded [&_:not(pre)>code]:bg-neutral-100 [&_:not(pre)>code]:px-1 [&_:not(pre)>code]:py-0.5",
  "[&_:not(pre)>code]:font-mono [&_:not(pre)>code]:text-[0.85em] [&_:not(pre)>code]:text-neutral-800",
].join(" ");
const PROSE = [
  INLINE,
  "text-[15px] leading-7 text-neutral-700",
  "[&_p]:mt-4 [&_ul]:mt-3 [&_ul]:list-disc [&_ul]:space-y-1.5 [&_ul]:pl-6 [&_ol]:mt-3 [&_ol]:list-decimal [&_ol]:space-y-2 [&_ol]:pl-6",
].join(" ");

/** A docs page: its one h1, a lead paragraph, the sections, and links to the previous and next pages. */
export function DocsArticle({ href, title, lead, children }: { href: string; title: string; lead: React.ReactNode; children: React.ReactNode }) {
  const { previous, next } = neighboursOf(href);
  return (
    <article className="mx-auto max-w-[52rem] px-6 py-10 lg:px-10">
      <h1 className="text-3xl font-semibold tracking-tight text-neutral-900">{title}</h1>
      <p className={`mt-3 text-lg leading-8 text-neutral-600 ${INLINE}`}>{lead}</p>
      <div className={PROSE}>{children}</div>
      {(previous || next) && (
        <nav aria-label="Previous and next page" className="mt-14 grid grid-cols-2 gap-4 border-t border-neutral-200 pt-6 text-sm">
          <div>
            {previous && (
              <Link href={previous.href} className="group block rounded-card p-3 ring-1 ring-neutral-200 hover:bg-white hover:ring-brand-500">
                <span className="block text-xs text-neutral-500">Previous</span>
                <span className="font-medium text-neutral-900 group-hover:text-brand-700">← {previous.title}</span>
              </Link>
            )}
          </div>
          <div className="text-right">
            {next && (
              <Link href={next.href} className="group block rounded-card p-3 ring-1 ring-neutral-200 hover:bg-white hover:ring-brand-500">
                <span className="block text-xs text-neutral-500">Next</span>
                <span className="font-medium text-neutral-900 group-hover:text-brand-700">{next.title} →</span>
              </Link>
            )}
          </div>
        </nav>
      )}
    </article>
  );
}

/** A titled section (h2) that can be linked to with #id. */
export function DocsSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-12 scroll-mt-20">
      <h2 id={id} className="group text-xl font-semibold tracking-tight text-neutral-900">
        {title}
        <a href={`#${id}`} className="ml-2 text-neutral-300 no-underline opacity-0 group-hover:opacity-100 focus:opacity-100" aria-label={`Link to ${title}`}>
          #
        </a>
      </h2>
      {children}
    </section>
  );
}

/** A sub-section heading (h3) inside a DocsSection. */
export function DocsSubheading({ id, children }: { id?: string; children: React.ReactNode }) {
  return (
    <h3 id={id} className="mt-8 scroll-mt-20 text-base font-semibold text-neutral-900">
      {children}
    </h3>
  );
}

/** A highlighted remark: a tip, or a warning the reader should not miss. */
export function Callout({ tone = "note", title, children }: { tone?: "note" | "warning"; title: string; children: React.ReactNode }) {
  const look = tone === "warning" ? "border-warning-200 bg-warning-50" : "border-brand-100 bg-brand-50";
  return (
    <div role="note" aria-label={title} className={`mt-5 rounded-card border px-4 py-3 text-sm leading-6 ${look}`}>
      <strong className="block">{title}</strong>
      <div className="mt-1">{children}</div>
    </div>
  );
}
