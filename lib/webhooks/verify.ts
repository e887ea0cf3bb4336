// verifyWebhook(): the helper receivers use (and our own test inbox). Accepts the
// Standard Webhooks headers (every signature in the header is tried, so rotation
// overlaps verify) and, failing those, the timestamped HMAC signature (`X-Webhook-Signature`).
import { timingSafeEqual } from "node:crypto";
import { standardSignature, timestampedSignature } from "./sign";

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** How far the timestamp may be from now, in seconds (default 300). */
  toleranceSeconds?: number;
  /** Prefix of the timestamped HMAC signature headers (default "X-Webhook-"). */
  headerPrefix?: string;
  now?: Date;
}

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies a delivery and returns its parsed JSON body. Throws WebhookVerificationError
 * when headers are missing, the timestamp is outside the tolerance, or no signature matches.
 * `secret` may be several secrets (e.g. during your own rotation).
 */
export function verifyWebhook<T = unknown>(
  rawBody: string | Buffer,
  headers: HeaderSource,
  secret: string | readonly string[],
  options: VerifyOptions = {},
): T {
  const body = typeof rawBody === "string" ? rawBody : rawBody.toString("utf8");
  const secrets = typeof secret === "string" ? [secret] : secret;
  const tolerance = options.toleranceSeconds ?? 300;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const prefix = options.headerPrefix ?? "X-Webhook-";

  const msgId = header(headers, "webhook-id");
  const standard = header(headers, "webhook-signature");
  const timestampText = msgId && standard ? header(headers, "webhook-timestamp") : header(headers, `${prefix}Timestamp`);
  const timestamped = header(headers, `${prefix}Signature`);
  if (!(msgId && standard) && !timestamped) throw new WebhookVerificationError("Missing signature headers.");
  if (!timestampText || !/^\d+$/.test(timestampText)) throw new WebhookVerificationError("Missing or invalid timestamp header.");

  const timestamp = Number(timestampText);
  if (now - timestamp > tolerance) throw new WebhookVerificationError("Message timestamp too old.");
  if (timestamp - now > tolerance) throw new WebhookVerificationError("Message timestamp too new.");

  let ok = false;
  if (msgId && standard) {
    const given = standard.split(" ").filter((s) => s.startsWith("v1,")).map((s) => s.slice(3));
    ok = secrets.some((s) => {
      const expected = standardSignature(s, msgId, timestamp, body);
      return given.some((g) => equal(g, expected));
    });
  } else if (timestamped) {
    ok = secrets.some((s) => equal(timestamped, `sha256=${timestampedSignature(s, timestamp, body)}`));
  }
  if (!ok) throw new WebhookVerificationError("No matching signature found.");

  try {
    return JSON.parse(body) as T;
  } catch {
    throw new WebhookVerificationError("The body is not JSON.");
  }
}
