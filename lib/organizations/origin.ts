// The app's public origin, which invitation links, test inbox URLs and the docs' examples start
// with (docs/security.md#members-and-invitations): APP_URL when the operator set it (do, behind a
// proxy, so mailed links never depend on a request's headers), else the origin the request came
// to. X-Forwarded-Host and X-Forwarded-Proto are believed only from the proxies TRUSTED_PROXIES
// declares, read like X-Forwarded-For (lib/audit): anyone can send them, and an inbox URL on a
// forged host would send deliveries there.
import { trustedForwardedEntry } from "@/lib/audit";
import { config } from "@/lib/config";

const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * APP_URL's origin when set; otherwise the forwarded host and scheme when `trustedProxies` > 0
 * and a trusted proxy wrote them; otherwise the request's own Host header and URL scheme.
 */
export function appOrigin(
  headers: Headers,
  requestUrl?: string,
  env: Record<string, string | undefined> = process.env,
  trustedProxies: number = config().trustedProxies,
): string {
  const configured = env.APP_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      throw new Error(`APP_URL is not a URL: ${configured}`);
    }
  }
  const own = requestUrl ? new URL(requestUrl) : null;
  const host = trustedForwardedEntry(headers.get("x-forwarded-host"), trustedProxies) || headers.get("host")?.trim();
  const proto = trustedForwardedEntry(headers.get("x-forwarded-proto"), trustedProxies) || own?.protocol.replace(":", "") || "http";
  if (host && HOST.test(host) && (proto === "http" || proto === "https")) return `${proto}://${host}`;
  return own?.origin ?? "http://localhost:3000";
}
