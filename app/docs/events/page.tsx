import Link from "next/link";
import { CodeSample } from "@/components/docs/code-sample";
import { formatJson } from "@/components/docs/format-json";
import { DocsArticle, DocsSection } from "@/components/docs/prose";
import { EVENT_CATALOG, EVENT_GROUPS } from "@/lib/webhooks/event-catalog";

export const metadata = { title: "Event catalog" };

const GROUP_TITLES: Record<(typeof EVENT_GROUPS)[number], string> = {
  build: "Builds",
  deployment: "Deployments",
  project: "Projects",
  domain: "Domains",
  endpoint: "Endpoints",
  webhook: "Webhooks",
};

// Rendered from the one catalog (lib/webhooks/event-catalog.ts), like the event picker and the API's /event-types.
export default function EventCatalogPage() {
  return (
    <DocsArticle
      href="/docs/events"
      title="Event catalog"
      lead={
        <>
          Every type of event Control Center sends, with an example of its <code>data</code>. Each arrives in the envelope{" "}
          <code>{`{ "id", "type", "timestamp", "data" }`}</code> described in <Link href="/docs/webhooks#request">Receiving webhooks</Link>.
        </>
      }
    >
      <p>
        An endpoint subscribed to no type receives them all. <code>GET /api/v1/event-types</code> returns the same list with the JSON Schema of each{" "}
        <code>data</code>; see the <Link href="/docs/api">API reference</Link>.
      </p>
      <nav aria-label="Event types" className="mt-6 flex flex-wrap gap-2">
        {EVENT_CATALOG.map((event) => (
          <a
            key={event.type}
            href={`#${event.type}`}
            className="rounded-pill bg-neutral-100 px-2.5 py-1 font-mono text-xs font-normal! text-neutral-700! ring-1 ring-neutral-200 hover:bg-brand-50 hover:text-brand-700! hover:no-underline!"
          >
            {event.type}
          </a>
        ))}
      </nav>
      {EVENT_GROUPS.map((group) => (
        <DocsSection key={group} id={`group-${group}`} title={GROUP_TITLES[group]}>
          {EVENT_CATALOG.filter((event) => event.group === group).map((event) => (
            <section key={event.type} aria-labelledby={event.type} className="mt-8 scroll-mt-20">
              <h3 id={event.type} className="font-mono text-[15px] font-semibold text-neutral-900">
                {event.type}
              </h3>
              <p className="mt-1!">{event.description}</p>
              <CodeSample title={`${event.type} · data`} code={formatJson(event.example)} />
            </section>
          ))}
        </DocsSection>
      ))}
    </DocsArticle>
  );
}
