// What anyone may see of an endpoint's URL and custom headers (docs/security.md#secrets-at-rest):
// the real values are stored encrypted and shown only to those who may change the endpoint.
// Pure functions: the stored masked columns, the API resource, the delivery log and the test
// inbox's requests all use them.
import { isSecretName } from "@/lib/crypto/secret-names";

/** Shown instead of every custom header value. */
export const MASKED_HEADER_VALUE = "••••";
/** Stored in the delivery log instead of a redacted header value. */
export const REDACTED_HEADER_VALUE = "[redacted]";
/** Shown instead of a token-like path segment, a query value or a token-like query name. */
export const MASKED_URL_PART = "…";

/**
 * A path segment or query name that may be a credential: 16 characters or more, or 6 or more
 * with a digit in them (Slack's `T…/B…/<token>`, Discord's `<id>/<token>`, UUIDs, API keys).
 * Short words (`webhooks`, `v2`, `hooks`) stay readable.
 */
function isTokenLike(part: string): boolean {
  return part.length >= 16 || (part.length >= 6 && /\d/.test(part));
}

/**
 * The URL as anyone may see it: scheme, host and port; path segments, except token-like ones,
 * shown as `…`; every query value (and a token-like or value-less query name) as `…`; no
 * user info, no fragment. Idempotent: masking a masked URL gives it back.
 */
export function maskEndpointUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return MASKED_URL_PART;
  }
  const path = parsed.pathname
    .split("/")
    .map((segment) => (segment && isTokenLike(segment) ? MASKED_URL_PART : segment))
    .join("/");
  const params = parsed.search
    .slice(1)
    .split("&")
    .filter(Boolean)
    .map((param) => {
      const eq = param.indexOf("=");
      if (eq < 0) return MASKED_URL_PART;
      const name = param.slice(0, eq);
      return `${isTokenLike(name) ? MASKED_URL_PART : name}=${MASKED_URL_PART}`;
    });
  return `${parsed.protocol}//${parsed.host}${path}${params.length ? `?${params.join("&")}` : ""}`;
}

/** The custom headers as anyone may see them: names kept, every value masked. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, MASKED_HEADER_VALUE]));
}

/**
 * The one rule for header values of requests this app sends or records: a header is hidden when
 * its name is configured as a custom header on an endpoint (`configuredNames`: one endpoint's for
 * the delivery log, all of the organization's endpoints' for a test inbox; compared ignoring
 * case), or when its name looks like a credential (`isSecretName`: Authorization, cookies,
 * tokens, secrets, API keys, passwords). Its value becomes `replacement`; names are kept.
 */
export function redactHeaderValues(headers: Record<string, string>, configuredNames: Iterable<string>, replacement: string): Record<string, string> {
  const configured = new Set<string>();
  for (const name of configuredNames) configured.add(name.toLowerCase());
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = configured.has(name.toLowerCase()) || looksSecret(name) ? replacement : value;
  return out;
}

// isSecretName per header name, remembered: every attempt sends the same few names.
const secretNameSeen = new Map<string, boolean>();
function looksSecret(name: string): boolean {
  let secret = secretNameSeen.get(name);
  if (secret === undefined) {
    secret = isSecretName(name);
    if (secretNameSeen.size >= 10_000) secretNameSeen.clear();
    secretNameSeen.set(name, secret);
  }
  return secret;
}
