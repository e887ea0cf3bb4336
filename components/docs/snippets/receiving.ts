// The code shown on /docs/webhooks, as data: tests/docs/receiver-snippets.test.ts runs these exact
// snippets (Node and Python) against requests signed by lib/webhooks/sign.ts, so the docs cannot drift
// from the signer. How signing works: docs/delivery.md#signing.

/** Standard Webhooks verification with node:crypto only. An ES module exporting verifyWebhook(). */
export const NODE_VERIFY = `import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Verifies a Control Center delivery (Standard Webhooks) and returns the parsed event.
 * rawBody: the body exactly as received (string or Buffer), before any JSON parsing.
 * headers: the request headers with lower-case names, as Node gives them.
 * secret:  the endpoint's signing secret, "whsec_…".
 */
export function verifyWebhook(rawBody, headers, secret, toleranceSeconds = 300) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures) throw new Error("Missing webhook headers");

  // Refuse old (replayed) and future timestamps.
  const age = Math.floor(Date.now() / 1000) - Number(timestamp);
  if (!/^\\d+$/.test(timestamp) || Math.abs(age) > toleranceSeconds) {
    throw new Error("Timestamp outside the tolerance");
  }

  // The key is the base64 after "whsec_"; the signed content is "{id}.{timestamp}.{body}".
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key).update(\`\${id}.\${timestamp}.\${rawBody}\`).digest();

  // During a secret rotation the header holds one "v1,<base64>" per live secret: any may match.
  const matches = signatures.split(" ").some((entry) => {
    const [version, signature = ""] = entry.split(",");
    const given = Buffer.from(signature, "base64");
    return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new Error("No matching signature");
  return JSON.parse(rawBody.toString());
}`;

/** An Express receiver around verifyWebhook(): raw body, idempotency, a fast answer. */
export const NODE_EXPRESS = `import express from "express";
import { verifyWebhook } from "./verify-webhook.js";

const app = express();

// express.raw keeps the exact bytes: a re-serialized JSON body would not match the signature.
app.post("/webhooks/control-center", express.raw({ type: "application/json" }), async (req, res) => {
  let event;
  try {
    event = verifyWebhook(req.body, req.headers, process.env.CONTROL_CENTER_WEBHOOK_SECRET);
  } catch {
    return res.status(400).send("Invalid signature");
  }

  // Retries, resends and replays carry the same webhook-id (= event.id): handle each id once.
  const isNew = await db.processedEvents.insertIfAbsent(event.id);
  if (isNew) await queue.add(event.type, event); // do the work later, off the request
  res.sendStatus(204); // answer within the timeout (15 s by default)
});`;

/** The helper of this codebase (lib/webhooks/verify.ts). */
export const NODE_HELPER = `// lib/webhooks/verify.ts, exported by lib/webhooks
import { verifyWebhook, WebhookVerificationError } from "@/lib/webhooks";

// A Next.js route handler; request.text() is the raw body.
export async function POST(request: Request) {
  const rawBody = await request.text();
  try {
    // Several secrets are allowed: pass the new and the old one while you rotate.
    const { WEBHOOK_SECRET, WEBHOOK_SECRET_PREVIOUS } = process.env;
    const secrets = [WEBHOOK_SECRET, WEBHOOK_SECRET_PREVIOUS].filter((s) => s !== undefined);
    const event = verifyWebhook<{ id: string; type: string; timestamp: string; data: unknown }>(
      rawBody,
      request.headers,
      secrets,
      { toleranceSeconds: 300 },
    );
    await enqueue(event); // idempotent on event.id
    return new Response(null, { status: 204 });
  } catch (error) {
    if (error instanceof WebhookVerificationError) return new Response(error.message, { status: 400 });
    throw error;
  }
}`;

/** Standard Webhooks verification with the standard library only. Defines verify_webhook(). */
export const PYTHON_VERIFY = `import base64, hashlib, hmac, json, time

def verify_webhook(raw_body: bytes, headers, secret: str, tolerance_seconds: int = 300):
    """Verifies a Control Center delivery (Standard Webhooks) and returns the parsed event.

    raw_body: the body exactly as received (bytes). headers: a case-insensitive mapping,
    such as Flask's or Django's request.headers. secret: the endpoint's "whsec_…" secret.
    """
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (msg_id and timestamp and signatures):
        raise ValueError("missing webhook headers")

    # Refuse old (replayed) and future timestamps.
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance_seconds:
        raise ValueError("timestamp outside the tolerance")

    # The key is the base64 after "whsec_"; the signed content is "{id}.{timestamp}.{body}".
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + raw_body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()

    # During a secret rotation the header holds one "v1,<base64>" per live secret: any may match.
    for entry in signatures.split(" "):
        version, _, signature = entry.partition(",")
        if version == "v1" and hmac.compare_digest(signature.encode(), expected.encode()):
            return json.loads(raw_body)
    raise ValueError("no matching signature")`;

/** A Flask receiver around verify_webhook(). */
export const PYTHON_FLASK = `import os
from flask import Flask, request

app = Flask(__name__)

@app.post("/webhooks/control-center")
def receive():
    try:
        secret = os.environ["CONTROL_CENTER_WEBHOOK_SECRET"]
        event = verify_webhook(request.get_data(), request.headers, secret)
    except ValueError:
        return "invalid signature", 400

    # Retries, resends and replays carry the same webhook-id (= event["id"]): handle each id once.
    if db.insert_if_absent("processed_events", event["id"]):
        queue.enqueue(handle_event, event)  # do the work later, off the request
    return "", 204  # answer within the timeout (15 s by default)`;

/** The Standard Webhooks libraries, for receivers that prefer a dependency. */
export const NODE_LIBRARY = `import { Webhook } from "standardwebhooks"; // npm install standardwebhooks

const wh = new Webhook(process.env.CONTROL_CENTER_WEBHOOK_SECRET); // "whsec_…"
// Throws unless a signature matches and the timestamp is within 5 minutes.
const event = wh.verify(rawBody, {
  "webhook-id": req.headers["webhook-id"],
  "webhook-timestamp": req.headers["webhook-timestamp"],
  "webhook-signature": req.headers["webhook-signature"],
});`;

export const PYTHON_LIBRARY = `from standardwebhooks.webhooks import Webhook  # pip install standardwebhooks

wh = Webhook(os.environ["CONTROL_CENTER_WEBHOOK_SECRET"])  # "whsec_…"
event = wh.verify(request.get_data(), dict(request.headers))  # raises on a bad signature`;

/**
 * Compatibility signatures (timestamped, body-sha256, body-hex), keyed with the whole "whsec_…" string.
 * An ES module exporting verifyCompatSignature(); `headerPrefix` is the server's SIGNATURE_HEADER_PREFIX.
 */
export function nodeCompatVerify(headerPrefix: string) {
  const prefix = headerPrefix.toLowerCase();
  return `import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Checks the compatibility signature an endpoint chose. scheme: "timestamped", "body-sha256" or
 * "body-hex"; header: the header the endpoint names (default ${headerPrefix}Signature).
 * The HMAC key is the whole secret string as shown, "whsec_" included.
 */
export function verifyCompatSignature(
  rawBody, headers, secret, scheme, header = "${headerPrefix}Signature", toleranceSeconds = 300,
) {
  let signed = rawBody.toString();
  if (scheme === "timestamped") {
    const timestamp = headers["${prefix}timestamp"] ?? "";
    const age = Math.floor(Date.now() / 1000) - Number(timestamp);
    if (!/^\\d+$/.test(timestamp) || Math.abs(age) > toleranceSeconds) return false;
    signed = \`\${timestamp}.\${signed}\`;
  }
  const hex = createHmac("sha256", secret).update(signed).digest("hex");
  const expected = scheme === "body-hex" ? hex : \`sha256=\${hex}\`;
  const given = String(headers[header.toLowerCase()] ?? "");
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}`;
}

/** The same in Python. Defines verify_compat_signature(). */
export function pythonCompatVerify(headerPrefix: string) {
  return `import hashlib, hmac, time

def verify_compat_signature(
    raw_body: bytes, headers, secret: str, scheme: str,
    header: str = "${headerPrefix}Signature", tolerance_seconds: int = 300,
) -> bool:
    """scheme: "timestamped", "body-sha256" or "body-hex"; header: the one the endpoint names.
    The HMAC key is the whole secret string as shown, "whsec_" included."""
    signed = raw_body
    if scheme == "timestamped":
        timestamp = headers.get("${headerPrefix}Timestamp", "")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance_seconds:
            return False
        signed = f"{timestamp}.".encode() + raw_body
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    expected = digest if scheme == "body-hex" else "sha256=" + digest
    return hmac.compare_digest(expected.encode(), headers.get(header, "").encode())`;
}
