// The origin invitation links start with: APP_URL when the operator set it (do, behind a proxy,
// so mailed links never depend on a request's Host header), else the origin the request came to.
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function appOrigin(headers: Headers, requestUrl?: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env.APP_URL?.trim();
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      throw new Error(`APP_URL is not a URL: ${configured}`);
    }
  }
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host")?.trim();
  const fallback = requestUrl ? new URL(requestUrl) : null;
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || fallback?.protocol.replace(":", "") || "http";
  if (host && HOST.test(host) && (proto === "http" || proto === "https")) return `${proto}://${host}`;
  return fallback?.origin ?? "http://localhost:3000";
}
