import Link from "next/link";
import { config } from "@/lib/config";
import { EVENT_CATALOG } from "@/lib/webhooks/event-catalog";

export const metadata = { title: "Receiving webhooks" };

function Code({ children, label }: { children: string; label: string }) {
  return (
    <figure className="my-4">
      <figcaption className="mb-1 text-xs font-medium text-neutral-500">{label}</figcaption>
      <pre className="overflow-x-auto rounded-lg bg-neutral-900 p-4 text-xs leading-relaxed text-neutral-100">
        <code>{children}</code>
      </pre>
    </figure>
  );
}

export default function WebhookDocsPage() {
  const prefix = config().signatureHeaderPrefix;
  const node = `import { Webhook } from "standardwebhooks"; // npm install standardwebhooks

const wh = new Webhook(process.env.WEBHOOK_SECRET); // "whsec_…" as shown in the dashboard

app.post("/webhooks", express.raw({ type: "application/json" }), (req, res) => {
  try {
    // Checks webhook-id, webhook-timestamp (±5 min) and every v1 signature.
    const event = wh.verify(req.body.toString("utf8"), req.headers);
    if (alreadyHandled(event.id)) return res.sendStatus(200); // retries reuse the id
    handle(event); // { id, type, timestamp, data }
    res.sendStatus(200);
  } catch {
    res.sendStatus(400);
  }
});`;
  const nodeSeed = `import crypto from "node:crypto";

// ${prefix}Signature: sha256=<hex HMAC-SHA256(secret, "{timestamp}.{body}")>
function verify(rawBody, headers, secret) {
  const timestamp = headers["${prefix.toLowerCase()}timestamp"];
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = "sha256=" + crypto.createHmac("sha256", secret).update(\`\${timestamp}.\${rawBody}\`).digest("hex");
  const given = headers["${prefix.toLowerCase()}signature"] ?? "";
  return given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}`;
  const python = `from standardwebhooks.webhooks import Webhook  # pip install standardwebhooks

wh = Webhook(os.environ["WEBHOOK_SECRET"])  # "whsec_…"

@app.post("/webhooks")
def receive(request):
    event = wh.verify(request.body.decode(), dict(request.headers))  # raises on a bad signature
    handle(event)
    return "", 200`;
  const pythonSeed = `import hashlib, hmac, time

def verify(raw_body: bytes, headers, secret: str) -> bool:
    timestamp = headers["${prefix}Timestamp"]
    if abs(time.time() - int(timestamp)) > 300:
        return False
    signed = f"{timestamp}.".encode() + raw_body
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["${prefix}Signature"])`;

  return (
    <main className="mx-auto max-w-3xl px-6 py-12 text-neutral-800">
      <p className="text-sm">
        <Link href="/" className="text-brand-600 hover:underline">
          ← Control Center
        </Link>
      </p>
      <h1 className="mt-4 text-3xl font-semibold tracking-tight text-neutral-900">Receiving webhooks</h1>
      <p className="mt-3">
        Each event is POSTed as JSON to your endpoint: <code>{`{ "id", "type", "timestamp", "data" }`}</code>. Answer with any 2xx
        within 15 seconds; anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h). Redirects are not followed.
        Deliveries are not strictly ordered: use <code>timestamp</code> to order and <code>id</code> to de-duplicate.
      </p>

      <h2 className="mt-10 text-xl font-semibold text-neutral-900">Verifying signatures</h2>
      <p className="mt-2">
        Requests follow the <a className="text-brand-600 hover:underline" href="https://www.standardwebhooks.com/">Standard Webhooks</a>{" "}
        specification: <code>webhook-id</code>, <code>webhook-timestamp</code> and <code>webhook-signature</code> (
        <code>v1,&lt;base64 HMAC-SHA256&gt;</code> of <code>{"{id}.{timestamp}.{body}"}</code>, keyed with the base64-decoded bytes after{" "}
        <code>whsec_</code>). While a secret rotation overlaps, the header carries one signature per secret, so receivers with either
        secret keep verifying. Off-the-shelf libraries do all of this:
      </p>
      <Code label="Node.js (Standard Webhooks)">{node}</Code>
      <Code label="Python (Standard Webhooks)">{python}</Code>
      <p className="mt-6">
        Each request also carries <code>{prefix}Signature</code>, <code>{prefix}Timestamp</code> and <code>{prefix}Event</code> for
        receivers written in the simpler style: the HMAC is keyed with the whole secret string as shown (including{" "}
        <code>whsec_</code>) and uses the current secret.
      </p>
      <Code label={`Node.js (${prefix}Signature)`}>{nodeSeed}</Code>
      <Code label={`Python (${prefix}Signature)`}>{pythonSeed}</Code>
      <p className="mt-2 text-sm text-neutral-600">
        In this codebase, <code>verifyWebhook(rawBody, headers, secret, {"{ toleranceSeconds }"})</code> from{" "}
        <code>lib/webhooks/verify.ts</code> accepts both styles.
      </p>

      <h2 className="mt-10 text-xl font-semibold text-neutral-900">Event types</h2>
      <div className="mt-4 space-y-6">
        {EVENT_CATALOG.map((event) => (
          <section key={event.type} id={event.type} aria-labelledby={`h-${event.type}`}>
            <h3 id={`h-${event.type}`} className="font-mono text-sm font-semibold text-neutral-900">
              {event.type}
            </h3>
            <p className="text-sm text-neutral-600">{event.description}</p>
            <Code label="data">{JSON.stringify(event.example, null, 2)}</Code>
          </section>
        ))}
      </div>
    </main>
  );
}
