// The receiver code the endpoint form shows for a compatibility signature, with the endpoint's
// header names filled in. tests/webhooks/compat-signatures.test.ts runs this exact code against
// real deliveries, so what the form shows cannot drift from the signer (lib/webhooks/sign.ts).
import type { CompatScheme } from "@/lib/webhooks/schemas";

export type ReceiverLanguage = "node" | "python";

export type ReceiverCodeInput = {
  scheme: CompatScheme;
  /** The header that carries the signature. */
  header: string;
  /** The operator's prefix, for the timestamp header of the timestamped scheme (e.g. "X-Webhook-"). */
  headerPrefix: string;
};

const js = (text: string) => JSON.stringify(text);

function nodeCode({ scheme, header, headerPrefix }: ReceiverCodeInput): string {
  const timestamped = scheme === "timestamped";
  const signed = timestamped ? "`${timestamp}.${rawBody}`" : "rawBody";
  const expected = scheme === "body-hex" ? `createHmac("sha256", secret).update(${signed}).digest("hex")` : `"sha256=" + createHmac("sha256", secret).update(${signed}).digest("hex")`;
  const what = {
    timestamped: `sha256= + hex HMAC-SHA256 of "{timestamp}.{body}"`,
    "body-sha256": "sha256= + hex HMAC-SHA256 of the body",
    "body-hex": "hex HMAC-SHA256 of the body",
  }[scheme];
  const lines = [
    `import { createHmac, timingSafeEqual } from "node:crypto";`,
    ``,
    `/**`,
    ` * True when ${header} holds a valid signature (${what}).`,
    ` * rawBody: the body exactly as received (string or Buffer), before any JSON parsing.`,
    ` * headers: Node's request headers (lower-case names).`,
    ` * secret:  the endpoint's signing secret; the HMAC key is the whole "whsec_…" string.`,
    ` */`,
    `export function verifySignature(rawBody, headers, secret${timestamped ? ", toleranceSeconds = 300" : ""}) {`,
    ...(timestamped
      ? [
          `  const timestamp = String(headers[${js(`${headerPrefix}Timestamp`.toLowerCase())}] ?? "");`,
          `  // Refuse replays: the timestamp must be within the tolerance of now.`,
          `  const age = Math.abs(Math.floor(Date.now() / 1000) - Number(timestamp));`,
          `  if (!/^\\d+$/.test(timestamp) || age > toleranceSeconds) return false;`,
        ]
      : []),
    `  const given = Buffer.from(String(headers[${js(header.toLowerCase())}] ?? ""));`,
    `  const expected = Buffer.from(${expected});`,
    `  return given.length === expected.length && timingSafeEqual(given, expected);`,
    `}`,
    ``,
    `// Express: keep the raw bytes (a re-serialized body may not match), refuse what fails.`,
    `// app.post("/webhooks", express.raw({ type: "application/json" }), (req, res) => {`,
    `//   if (!verifySignature(req.body, req.headers, process.env.WEBHOOK_SECRET)) return res.sendStatus(401);`,
    `//   const event = JSON.parse(req.body); // { id, type, timestamp, data }; handle each id once`,
    `//   res.sendStatus(204);`,
    `// });`,
  ];
  return lines.join("\n");
}

function pythonCode({ scheme, header, headerPrefix }: ReceiverCodeInput): string {
  const timestamped = scheme === "timestamped";
  const signed = timestamped ? `timestamp.encode() + b"." + raw_body` : "raw_body";
  const expected = scheme === "body-hex" ? "digest" : `"sha256=" + digest`;
  const lines = [
    timestamped ? `import hashlib, hmac, time` : `import hashlib, hmac`,
    ``,
    `def verify_signature(raw_body: bytes, headers, secret: str${timestamped ? ", tolerance_seconds: int = 300" : ""}) -> bool:`,
    `    """True when ${header} holds a valid signature.`,
    ``,
    `    raw_body: the body exactly as received (bytes); headers: a case-insensitive mapping such as`,
    `    Flask's or Django's request.headers; secret: the signing secret, the whole "whsec_…" string."""`,
    ...(timestamped
      ? [
          `    timestamp = headers.get(${js(`${headerPrefix}Timestamp`)}, "")`,
          `    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > tolerance_seconds:`,
          `        return False  # missing, or outside the tolerance: a replay`,
        ]
      : []),
    `    digest = hmac.new(secret.encode(), ${signed}, hashlib.sha256).hexdigest()`,
    `    expected = ${expected}`,
    `    return hmac.compare_digest(expected.encode(), headers.get(${js(header)}, "").encode())`,
    ``,
    `# Flask: request.get_data() is the raw body.`,
    `# if not verify_signature(request.get_data(), request.headers, os.environ["WEBHOOK_SECRET"]):`,
    `#     abort(401)`,
  ];
  return lines.join("\n");
}

export function compatReceiverCode(language: ReceiverLanguage, input: ReceiverCodeInput): string {
  return language === "node" ? nodeCode(input) : pythonCode(input);
}
