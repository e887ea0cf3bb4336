// What anyone may see of an endpoint's URL and custom headers (docs/security.md#secrets-at-rest):
// the real values are stored encrypted and shown only to those who may change the endpoint.
// Pure functions: the stored masked columns, the API resource and the delivery log all use them.

/** Shown instead of every custom header value. */
export const MASKED_HEADER_VALUE = "••••";
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
