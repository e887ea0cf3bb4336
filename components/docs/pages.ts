// The docs pages, in reading order: the side nav, the /docs index and the previous/next links all read this list.
export type DocsPage = { href: string; title: string; summary: string };

export const DOCS_HOME: DocsPage = {
  href: "/docs",
  title: "Documentation",
  summary: "How to send builds in and get signed webhooks out of Control Center.",
};

export const DOCS_PAGES: readonly DocsPage[] = [
  {
    href: "/docs/getting-started",
    title: "Getting started",
    summary: "Start the product, sign in with the demo account, create an endpoint, trigger a build and watch the delivery.",
  },
  {
    href: "/docs/webhooks",
    title: "Receiving webhooks",
    summary: "The headers of each request, verifying signatures in Node and Python, idempotency, answering fast and stopping retries.",
  },
  {
    href: "/docs/events",
    title: "Event catalog",
    summary: "Every event type Control Center sends, what it means, and an example of its data.",
  },
  {
    href: "/docs/triggers",
    title: "Triggers",
    summary: "Start builds from GitHub pushes and releases with trigger rules, or from any CI with the trigger endpoint.",
  },
  {
    href: "/docs/retries",
    title: "Retries and delivery policy",
    summary: "The retry schedule, Retry-After, per-endpoint policies (timeout, rate, ordering), auto-disable, recover and replay.",
  },
  {
    href: "/docs/errors",
    title: "API errors",
    summary: "The problem+json answer of a failed API call, and what each error code means and what to do about it.",
  },
  {
    href: "/docs/api",
    title: "API reference",
    summary: "Every /api/v1 operation with its schemas and examples, generated from the route table.",
  },
];

/** The pages before and after `href` in reading order. */
export function neighboursOf(href: string): { previous: DocsPage | null; next: DocsPage | null } {
  const order = [DOCS_HOME, ...DOCS_PAGES];
  const index = order.findIndex((page) => page.href === href);
  if (index === -1) return { previous: null, next: null };
  return { previous: order[index - 1] ?? null, next: order[index + 1] ?? null };
}
