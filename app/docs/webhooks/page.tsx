import Link from "next/link";
import { CodeSample } from "@/components/docs/code-sample";
import { formatJson } from "@/components/docs/format-json";
import { Callout, DocsArticle, DocsSection, DocsSubheading } from "@/components/docs/prose";
import {
  NODE_EXPRESS,
  NODE_HELPER,
  NODE_LIBRARY,
  NODE_VERIFY,
  PYTHON_FLASK,
  PYTHON_LIBRARY,
  PYTHON_VERIFY,
  nodeCompatVerify,
  pythonCompatVerify,
} from "@/components/docs/snippets/receiving";
import { Table, Td } from "@/components/ui/table";
import { config } from "@/lib/config";
import { catalogEntry } from "@/lib/webhooks/event-catalog";

export const metadata = { title: "Receiving webhooks" };

const EXAMPLE_EVENT = catalogEntry("build.succeeded");

export default function ReceivingWebhooksPage() {
  const prefix = config().signatureHeaderPrefix;
  const envelope = formatJson({
    id: "evt_01JH6ZC3D4E5F6G7H8J9K0MNPQ",
    type: EXAMPLE_EVENT.type,
    timestamp: "2026-01-15T10:35:00.000Z",
    data: EXAMPLE_EVENT.example,
  });
  const headerRows: [string, React.ReactNode][] = [
    ["webhook-id", <>The event id (<code>evt_…</code>), the same as the body&apos;s <code>id</code>. Identical for every retry, resend and replay of the event.</>],
    ["webhook-timestamp", "Unix seconds when this attempt was signed. Changes with each attempt."],
    [
      "webhook-signature",
      <>
        <code>v1,&lt;base64 HMAC-SHA256&gt;</code> of <code>{"{webhook-id}.{webhook-timestamp}.{body}"}</code>. Several, space-separated, while a secret
        rotation overlaps.
      </>,
    ],
    [`${prefix}Signature`, <>The timestamped compatibility signature, unless the endpoint chose another one or none (see below).</>],
    [`${prefix}Event`, <>The event type, for example <code>build.succeeded</code>.</>],
    ["content-type", <code key="ct">application/json</code>],
    ["user-agent", <code key="ua">ControlCenter-Webhooks/1.0</code>],
  ];

  return (
    <DocsArticle
      href="/docs/webhooks"
      title="Receiving webhooks"
      lead={
        <>
          Every event is a signed <code>POST</code> of JSON to your endpoint&apos;s URL. Check the signature, handle each event once, answer
          quickly, and let Control Center retry what failed.
        </>
      }
    >
      <DocsSection id="request" title="What a request looks like">
        <p>
          An endpoint in the <code>standard</code> format receives the event envelope: <code>id</code>, <code>type</code>, <code>timestamp</code>{" "}
          (when the event happened, ISO 8601 UTC, the same for every attempt) and <code>data</code>, whose shape depends on the type (see the{" "}
          <Link href="/docs/events">event catalog</Link>). Endpoints in the <code>slack</code> or <code>discord</code> format receive a chat message
          instead, signed the same way.
        </p>
        <CodeSample title="Body" code={envelope} />
        <p>Each request carries these headers, plus any custom headers the endpoint defines:</p>
        <div className="mt-4">
          <Table label="Request headers" columns={["Header", "Value"]}>
            {headerRows.map(([name, value]) => (
              <tr key={name}>
                <Td className="font-mono text-xs whitespace-nowrap text-neutral-900">{name}</Td>
                <Td>{value}</Td>
              </tr>
            ))}
          </Table>
        </div>
        <p>
          The headers follow <a href="https://www.standardwebhooks.com/">Standard Webhooks</a>, so any of its libraries can verify them. Redirects
          are not followed: a <code>3xx</code> counts as a failure.
        </p>
      </DocsSection>

      <DocsSection id="verify" title="Verify the signature">
        <p>
          Your endpoint&apos;s signing secret (<code>whsec_…</code>) is on its page in the dashboard, or from{" "}
          <code>GET /api/v1/webhooks/{"{id}"}/secret</code>. To verify a request:
        </p>
        <ol>
          <li>
            Take the <strong>raw body</strong>, byte for byte. A body parsed and serialized again (different spacing or key order) will not match.
          </li>
          <li>
            Refuse a <code>webhook-timestamp</code> more than 5 minutes away from your clock: it protects against replayed requests.
          </li>
          <li>
            Compute HMAC-SHA256 of <code>{"{webhook-id}.{webhook-timestamp}.{body}"}</code>, keyed with the base64-decoded bytes after{" "}
            <code>whsec_</code>, and base64-encode it.
          </li>
          <li>
            Compare it, in constant time, with each <code>v1,</code> entry of <code>webhook-signature</code>: one match is enough.
          </li>
        </ol>

        <DocsSubheading id="verify-node">Node.js, with node:crypto</DocsSubheading>
        <CodeSample title="verify-webhook.js" code={NODE_VERIFY} hint="No dependencies. Save it next to your server." />
        <CodeSample title="server.js (Express)" code={NODE_EXPRESS} />

        <DocsSubheading id="verify-helper">Node.js, with Control Center&apos;s helper</DocsSubheading>
        <p>
          Code inside this repository (the built-in test inbox, for one) uses <code>verifyWebhook(rawBody, headers, secret, {"{ toleranceSeconds }"})</code>{" "}
          from <code>lib/webhooks/verify.ts</code>. It takes a <code>Headers</code> object or a plain one, one secret or several, and returns the
          parsed event or throws <code>WebhookVerificationError</code>. Without Standard Webhooks headers it checks the timestamped{" "}
          <code>{prefix}Signature</code> instead. It depends only on <code>node:crypto</code> and <code>lib/webhooks/sign.ts</code>, so a receiver
          elsewhere can copy both files.
        </p>
        <CodeSample title="app/api/control-center/route.ts" code={NODE_HELPER} />

        <DocsSubheading id="verify-python">Python, with the standard library</DocsSubheading>
        <CodeSample title="verify_webhook.py" code={PYTHON_VERIFY} hint="hmac, hashlib and base64 only; Python 3.9 or later." />
        <CodeSample title="app.py (Flask)" code={PYTHON_FLASK} />

        <DocsSubheading id="verify-libraries">With the Standard Webhooks libraries</DocsSubheading>
        <p>If you prefer a dependency, the official libraries do the same checks:</p>
        <CodeSample title="Node.js" code={NODE_LIBRARY} />
        <CodeSample title="Python" code={PYTHON_LIBRARY} />

        <Callout title="Rotating the secret">
          Rotate from the endpoint&apos;s page or with <code>POST /api/v1/webhooks/{"{id}"}/secret/rotate</code> and an <code>overlap_seconds</code>{" "}
          (24 hours by default). During the overlap every request is signed with the new and the old secret, one <code>v1,</code> entry each, so
          receivers with either secret keep verifying while you deploy the new one.
        </Callout>
      </DocsSection>

      <DocsSection id="idempotency" title="Handle each event once">
        <p>
          Delivery is <strong>at least once</strong>: a request whose answer was lost is sent again, and people resend, recover and replay events on
          purpose. Every copy of an event has the same <code>webhook-id</code> (the body&apos;s <code>id</code>), so store the ids you have handled and
          skip the ones you have seen, ideally in the same transaction as the work the event triggers.
        </p>
        <p>
          Events of one endpoint are not ordered unless the endpoint is <Link href="/docs/retries#ordered">ordered</Link>: a retry can arrive after a
          newer event. Use the envelope&apos;s <code>timestamp</code> to tell which came first.
        </p>
      </DocsSection>

      <DocsSection id="answer-fast" title="Answer fast">
        <p>
          Answer with any <code>2xx</code> status as soon as the request is verified and recorded. An attempt that takes longer than the endpoint&apos;s
          timeout (15 seconds unless the endpoint sets one between 1 and 30 seconds) counts as failed and is retried, even if your handler finishes
          later. Put slow work (builds, emails, calls to other services) on a queue and do it after answering. Only the first 64 KiB of your
          answer&apos;s body is kept in the delivery log.
        </p>
      </DocsSection>

      <DocsSection id="retries" title="Retries, and how to stop them">
        <ul>
          <li>
            Any answer other than <code>2xx</code>, or none at all, is retried on the endpoint&apos;s schedule (by default after 5 s, 5 min, 30 min,
            2 h, 5 h, 10 h and 10 h). <code>429</code> and <code>503</code> may say when to come back with <code>Retry-After</code>. See{" "}
            <Link href="/docs/retries">Retries and delivery policy</Link>.
          </li>
          <li>
            To stop the retries of one delivery, answer a non-2xx status with the header <code>webhook-delivery: abort</code>. The delivery is marked
            failed at once; a later resend or replay still sends it.
          </li>
          <li>
            Answer <code>410 Gone</code> to say the endpoint no longer exists: Control Center disables it at once and sends it nothing more until
            someone enables it again.
          </li>
        </ul>
        <CodeSample
          title="Refusing an event for good (Express)"
          code={`// A permanent problem with this event: retrying it would fail the same way.
res.set("webhook-delivery", "abort").status(422).send("Unknown project; not retrying.");`}
        />
      </DocsSection>

      <DocsSection id="compatibility-signatures" title="Compatibility signatures">
        <p>
          Some receivers already check a single hex HMAC in a header of their own. For them, an endpoint can add one compatibility signature next to
          the Standard Webhooks headers, in the header it names (<code>{prefix}Signature</code> unless it names another). Unlike Standard Webhooks,
          its HMAC key is the <strong>UTF-8 bytes of the whole secret string</strong>, <code>whsec_</code> included, and it is made with the current
          secret only.
        </p>
        <div className="mt-4">
          <Table label="Compatibility signature schemes" columns={["Scheme", "Header value", "Also sent"]}>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">timestamped</Td>
              <Td>
                <code>sha256=</code>hex HMAC-SHA256 of <code>{"{timestamp}.{body}"}</code>
              </Td>
              <Td className="[&_code]:whitespace-nowrap">
                <code>{prefix}Timestamp</code>, <code>{prefix}Event</code>
              </Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">body-sha256</Td>
              <Td>
                <code>sha256=</code>hex HMAC-SHA256 of the body
              </Td>
              <Td>
                <code>{prefix}Event</code>
              </Td>
            </tr>
            <tr>
              <Td className="font-mono text-xs text-neutral-900">body-hex</Td>
              <Td>hex HMAC-SHA256 of the body, without a prefix</Td>
              <Td>
                <code>{prefix}Event</code>
              </Td>
            </tr>
          </Table>
        </div>
        <p>
          Endpoints send the <code>timestamped</code> one in <code>{prefix}Signature</code> unless configured otherwise; choose the scheme and header
          (or none) in the endpoint&apos;s form, or with <code>compat_signature: {"{ scheme, header }"}</code> in the API.
        </p>
        <CodeSample title="Node.js" code={nodeCompatVerify(prefix)} />
        <CodeSample title="Python" code={pythonCompatVerify(prefix)} />
        <Callout tone="warning" title="body-sha256 and body-hex carry no timestamp">
          A request captured in transit stays valid forever. Prefer Standard Webhooks or the timestamped scheme, and deduplicate on{" "}
          <code>webhook-id</code> whichever you use.
        </Callout>
      </DocsSection>
    </DocsArticle>
  );
}
