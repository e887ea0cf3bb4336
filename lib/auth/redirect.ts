// Where to go after signing in: the one check of every redirect target taken from user input
// (the sign-in form's callbackUrl, Auth.js's redirect callback). docs/security.md#sessions-and-passwords.

const PLACEHOLDER_ORIGIN = "http://control-center.invalid";

/**
 * `target` as a path on this site ("/orgs/org_1?tab=x#y"), else "/". Accepted: a path starting
 * with a single "/", or (when `origin` is given) an absolute URL on exactly that origin.
 * Refused: other origins ("https://evil.com"), scheme-relative and backslash forms ("//evil.com",
 * "/\evil.com", "\\evil.com"), other schemes ("javascript:…"), and any whitespace or control
 * character (browsers drop tabs and newlines, which would turn "/\t/evil.com" into "//evil.com").
 */
export function safeCallbackPath(target: unknown, origin?: string): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2048) return "/";
  // Whitespace, control characters and backslashes never belong in a path we issue.
  if (/[\s\u0000-\u001f\u007f\\]/.test(target)) return "/";
  let base: URL;
  try {
    base = new URL(origin ?? PLACEHOLDER_ORIGIN);
  } catch {
    return "/";
  }
  const isPath = target.startsWith("/") && !target.startsWith("//");
  if (!isPath && (origin === undefined || !target.toLowerCase().startsWith(`${base.origin.toLowerCase()}/`))) return "/";
  let url: URL;
  try {
    url = new URL(target, base);
  } catch {
    return "/";
  }
  if (url.origin !== base.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can normalise to "//host" ("/.//evil.com"): that would leave the site again.
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}
