import Link from "next/link";
import { DOCS_HOME, DOCS_PAGES } from "@/components/docs/pages";
import { DocsArticle } from "@/components/docs/prose";

export const metadata = { title: "Docs" };

export default function DocsIndexPage() {
  return (
    <DocsArticle
      href={DOCS_HOME.href}
      title={DOCS_HOME.title}
      lead={
        <>
          Control Center starts builds when you push, release or call it from CI, and tells your systems what happened with signed webhooks.
          These pages show how to set it up, how to receive and verify webhooks, and every endpoint of the REST API.
        </>
      }
    >
      <ul aria-label="Docs pages" className="mt-8! grid list-none! space-y-0! pl-0! gap-4 sm:grid-cols-2">
        {DOCS_PAGES.map((page) => (
          <li key={page.href} className="flex">
            <Link
              href={page.href}
              className="group flex w-full flex-col rounded-card bg-white p-5 ring-1 hover:no-underline! ring-neutral-200 transition-shadow hover:shadow-sm hover:ring-brand-500"
            >
              <span className="text-base font-semibold text-neutral-900 group-hover:text-brand-700">{page.title}</span>
              <span className="mt-1.5 text-sm leading-6 font-normal text-neutral-600">{page.summary}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-10! text-sm text-neutral-600">
        New here? Start with <Link href="/docs/getting-started">Getting started</Link>: it takes about five minutes with the demo account.
      </p>
    </DocsArticle>
  );
}
