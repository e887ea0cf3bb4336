// What every request meets before any route (proxy.ts at the root, docs/security.md#the-edge): a
// path that does not percent-decode as UTF-8 is refused with a 400 problem+json, before
// Next.js's router fails on it with a plain-text 500; X-Forwarded-Host reaches the routes only
// as a trusted proxy wrote it (Auth.js builds its redirects from it); and answers to requests
// that arrived over https carry Strict-Transport-Security. It runs on every request, the trigger API's
// included, so it allocates nothing for an ordinary one and imports nothing heavy: no
// database, no Next.js.
import { trustedForwardedEntry } from "@/lib/audit/forwarded";
import { config } from "@/lib/config";
import { problem } from "./problem-json";

/** Two years, subdomains included: what browsers' preload lists ask for (RFC 6797). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

const UNDECODABLE =
  "The path is not valid percent-encoded UTF-8: every % must start a %XX escape, and the escaped bytes must spell UTF-8 characters.";

/** True when `pathname` percent-decodes as UTF-8 (decodeURIComponent's rule, which Next.js's router applies). */
export function pathDecodes(pathname: string): boolean {
  // Fast path: nothing to decode.
  if (!pathname.includes("%")) return true;
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the request reached us over https: the request URL's scheme, or X-Forwarded-Proto
 * when a proxy TRUSTED_PROXIES declares wrote it (read like X-Forwarded-For, lib/audit/forwarded.ts).
 */
export function arrivedOverHttps(protocol: string, headers: Headers, trustedProxies: number): boolean {
  return protocol === "https:" || trustedForwardedEntry(headers.get("x-forwarded-proto"), trustedProxies) === "https";
}

/**
 * X-Forwarded-Host as the routes may believe it, when it must be rewritten: the entry a trusted
 * proxy wrote (TRUSTED_PROXIES, read like X-Forwarded-For), else the request's own Host. Undefined
 * when the header already says that (Next.js itself sets it to the Host when it is absent), so an
 * ordinary request is left as it came.
 */
export function forwardedHostRewrite(headers: Headers, trustedProxies: number, urlHost: string): string | undefined {
  const sent = headers.get("x-forwarded-host");
  if (sent === null) return undefined;
  const believed = trustedForwardedEntry(sent, trustedProxies) ?? headers.get("host") ?? urlHost;
  return sent === believed ? undefined : believed;
}

/** The parts of a request the edge reads (a NextRequest has them). */
export interface EdgeRequest {
  nextUrl: { pathname: string; protocol: string; host: string };
  headers: Headers;
}

/**
 * What the edge makes of a request: `refusal`, the answer that ends it (null to go on to the
 * route), whether the answer gets Strict-Transport-Security (the refusal has it already), and
 * `forwardedHost`, the X-Forwarded-Host the route must see instead of the one sent (undefined: as sent).
 */
export function atTheEdge(
  request: EdgeRequest,
  trustedProxies: number = config().trustedProxies,
): { refusal: Response | null; hsts: boolean; forwardedHost?: string } {
  const hsts = arrivedOverHttps(request.nextUrl.protocol, request.headers, trustedProxies);
  const { pathname } = request.nextUrl;
  if (pathDecodes(pathname)) return { refusal: null, hsts, forwardedHost: forwardedHostRewrite(request.headers, trustedProxies, request.nextUrl.host) };
  const headers: Record<string, string> = hsts ? { "strict-transport-security": STRICT_TRANSPORT_SECURITY } : {};
  return { refusal: problem(400, "bad_request", UNDECODABLE, { instance: pathname }, headers), hsts };
}
