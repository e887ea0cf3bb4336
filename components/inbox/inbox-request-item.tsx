"use client";

import { Badge, type Tone } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/time";
import type { InboxRequestResource } from "@/lib/webhooks/inbox-schemas";
import { headerValue, prettyBody } from "./format";

type Verdict = { label: string; tone: Tone; title: string };

/** The signature badge: against the chosen endpoint, or what can be said without one. */
function signatureVerdict(request: InboxRequestResource, endpointChosen: boolean): Verdict {
  if (request.signature_valid === true) return { label: "Verified", tone: "success", title: "The webhook-signature matches one of the endpoint's active secrets." };
  if (request.signature_valid === false) return { label: "Not verified", tone: "danger", title: request.signature_problem ?? "No signature matches." };
  if (headerValue(request.headers, "webhook-signature") !== undefined && !endpointChosen) {
    return { label: "Signed", tone: "neutral", title: "Choose an endpoint above to check the signature against its secrets." };
  }
  return { label: "No signature", tone: "neutral", title: "The request has no webhook-signature header." };
}

function HeadersTable({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="text-xs text-neutral-500">No headers.</p>;
  return (
    <table aria-label="Request headers" className="w-full text-left font-mono text-xs">
      <tbody className="divide-y divide-neutral-100">
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th scope="row" className="w-1/3 py-1 pr-3 align-top font-normal text-neutral-500">
              {name}
            </th>
            <td className="py-1 break-all text-neutral-800">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One recorded request: method, time and signature at a glance; headers and body when opened. */
export function InboxRequestItem({ request, endpointChosen }: { request: InboxRequestResource; endpointChosen: boolean }) {
  const verdict = signatureVerdict(request, endpointChosen);
  const body = prettyBody(request.body);
  const contentType = headerValue(request.headers, "content-type");
  // A delivery's envelope names its event type.
  const event = body.value && typeof body.value === "object" ? (body.value as { type?: unknown }).type : undefined;
  return (
    <details className="group rounded-lg bg-white ring-1 ring-neutral-200">
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-3 px-4 py-3 text-sm focus-visible:outline-2 focus-visible:outline-brand-600">
        <span aria-hidden className="text-neutral-400 transition-transform group-open:rotate-90">
          ▸
        </span>
        <Badge tone="info" className="font-mono">
          {request.method}
        </Badge>
        {typeof event === "string" && <span className="font-medium text-neutral-900">{event}</span>}
        {contentType && <span className="truncate font-mono text-xs text-neutral-500">{contentType}</span>}
        <span title={verdict.title}>
          <Badge tone={verdict.tone}>{verdict.label}</Badge>
        </span>
        <span className="ml-auto text-xs text-neutral-500">
          <RelativeTime date={request.received_at} />
        </span>
      </summary>
      <div className="space-y-4 border-t border-neutral-100 px-4 py-4">
        <p className="text-xs text-neutral-500">
          Received {new Date(request.received_at).toLocaleString()} · <span className="font-mono">{request.id}</span>
        </p>
        {request.signature_valid === false && (
          <p role="note" className="rounded-md bg-danger-50 px-3 py-2 text-sm text-danger-700">
            Signature not verified: {request.signature_problem}
          </p>
        )}
        {request.compat_signature && (
          <p className="text-sm text-neutral-700">
            Compatibility signature <code className="font-mono text-xs">{request.compat_signature.header}</code> ({request.compat_signature.scheme}):{" "}
            <Badge tone={request.compat_signature.valid ? "success" : "danger"}>{request.compat_signature.valid ? "Verified" : "Not verified"}</Badge>
          </p>
        )}
        <section aria-label="Headers">
          <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-neutral-500 uppercase">Headers</h4>
          <HeadersTable headers={request.headers} />
        </section>
        <section aria-label="Body">
          <h4 className="mb-1.5 text-xs font-semibold tracking-wide text-neutral-500 uppercase">Body{body.json ? " (JSON)" : ""}</h4>
          <pre tabIndex={0} aria-label="Request body" className="max-h-96 overflow-auto rounded-md bg-neutral-900 p-3 font-mono text-xs whitespace-pre-wrap text-neutral-100">
            {body.text || "(empty)"}
          </pre>
        </section>
      </div>
    </details>
  );
}
