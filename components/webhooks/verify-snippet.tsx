import Link from "next/link";

/** The headers a receiver checks, and the few lines of Node that do it. */
export function VerifySnippet({ headerPrefix }: { headerPrefix: string }) {
  const snippet = `import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.WEBHOOK_SECRET); // "whsec_…"

// rawBody: the request body exactly as received, as a string.
const event = wh.verify(rawBody, {
  "webhook-id": req.headers["webhook-id"],
  "webhook-timestamp": req.headers["webhook-timestamp"],
  "webhook-signature": req.headers["webhook-signature"],
}); // throws unless one signature matches and the timestamp is recent`;
  return (
    <details className="group rounded-lg ring-1 ring-neutral-200">
      <summary className="cursor-pointer rounded-lg px-3 py-2 text-sm font-medium text-neutral-800 hover:bg-neutral-50">
        How receivers verify a request
      </summary>
      <div className="space-y-3 border-t border-neutral-100 px-3 py-3 text-xs text-neutral-600">
        <p>
          Requests follow Standard Webhooks: <code className="font-mono">webhook-id</code>,{" "}
          <code className="font-mono">webhook-timestamp</code> and <code className="font-mono">webhook-signature</code> (
          <code className="font-mono">v1,</code> + base64 HMAC-SHA256 of <code className="font-mono">{"{id}.{timestamp}.{body}"}</code>).
          Unless its <em>Compatibility signature</em> setting says otherwise, an endpoint&apos;s requests also carry{" "}
          <code className="font-mono">{headerPrefix}Signature: sha256=…</code> (hex HMAC-SHA256 of{" "}
          <code className="font-mono">{"{timestamp}.{body}"}</code> keyed with the whole secret string),{" "}
          <code className="font-mono">{headerPrefix}Timestamp</code> and <code className="font-mono">{headerPrefix}Event</code>.
        </p>
        <pre aria-label="Node verification example" className="overflow-x-auto rounded-md bg-neutral-900 p-3 font-mono text-[11px] leading-relaxed text-neutral-100">
          <code>{snippet}</code>
        </pre>
        <p>
          More languages and the timestamped HMAC check:{" "}
          <Link href="/docs/webhooks" className="font-medium text-brand-700 hover:underline">
            Receiving webhooks
          </Link>
          .
        </p>
      </div>
    </details>
  );
}
