// Does a request recorded by a test inbox carry valid signatures of an endpoint
// (docs/delivery.md#test-inbox)? The Standard Webhooks signature is checked with the same
// helper receivers use (./verify.ts), against every secret the endpoint signs with now, so both
// secrets verify during a rotation overlap; the compatibility signature with the signer's own
// functions (./sign.ts). Checked as of the moment the request arrived, so an old request is not
// "too old".
import { timingSafeEqual } from "node:crypto";
import type { InboxRequestResource } from "./inbox-schemas";
import type { CompatScheme } from "./schemas";
import { bodySignature, timestampedSignature, type CompatSignature } from "./sign";
import { verifyWebhook } from "./verify";

export interface SigningEndpoint {
  /** The secrets that sign now, current first. */
  secrets: readonly string[];
  compat: CompatSignature | null;
  /** SIGNATURE_HEADER_PREFIX: the timestamped scheme's timestamp header is `{prefix}Timestamp`. */
  headerPrefix: string;
}

type SignatureCheck = Pick<InboxRequestResource, "signature_valid" | "signature_problem" | "compat_signature">;

const STANDARD_HEADERS = ["webhook-id", "webhook-timestamp", "webhook-signature"];

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function standardCheck(request: { headers: Record<string, string>; body: string; receivedAt: Date }, secrets: readonly string[]) {
  if (!headerOf(request.headers, "webhook-signature")) return { signature_valid: null, signature_problem: null };
  if (secrets.length === 0) return { signature_valid: false, signature_problem: "The endpoint has no active signing secret." };
  // Only the Standard Webhooks headers: the compatibility signature is judged on its own below.
  const standard = Object.fromEntries(STANDARD_HEADERS.map((name) => [name, headerOf(request.headers, name)]));
  try {
    verifyWebhook(request.body, standard, secrets, { now: request.receivedAt });
    return { signature_valid: true, signature_problem: null };
  } catch (error) {
    return { signature_valid: false, signature_problem: error instanceof Error ? error.message : String(error) };
  }
}

function compatMatches(scheme: CompatScheme, given: string, secret: string, body: string, timestamp: string | undefined): boolean {
  switch (scheme) {
    case "timestamped":
      return timestamp !== undefined && /^\d+$/.test(timestamp) && equal(given, `sha256=${timestampedSignature(secret, Number(timestamp), body)}`);
    case "body-sha256":
      return equal(given, `sha256=${bodySignature(secret, body)}`);
    case "body-hex":
      return equal(given, bodySignature(secret, body));
  }
}

/** The signature verdicts of one recorded request for one endpoint. */
export function checkInboxSignatures(request: { headers: Record<string, string>; body: string; receivedAt: Date }, endpoint: SigningEndpoint): SignatureCheck {
  const standard = standardCheck(request, endpoint.secrets);
  const { compat } = endpoint;
  const given = compat ? headerOf(request.headers, compat.header) : undefined;
  if (!compat || given === undefined) return { ...standard, compat_signature: null };
  const timestamp = headerOf(request.headers, `${endpoint.headerPrefix}Timestamp`);
  const valid = endpoint.secrets.some((secret) => compatMatches(compat.scheme, given, secret, request.body, timestamp));
  return { ...standard, compat_signature: { scheme: compat.scheme, header: compat.header, valid } };
}
