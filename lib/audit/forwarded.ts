// X-Forwarded-* headers as far as the operator's declared proxies vouch for them
// (TRUSTED_PROXIES, docs/security.md#audit-log). Kept free of the database and of server-only
// modules: the edge (lib/api/edge.ts, run by proxy.ts on every request) reads it too.

/**
 * The entry of a comma-separated X-Forwarded-* header that the outermost of `trustedProxies`
 * proxies wrote: `trustedProxies` entries from the right (each trusted proxy appends, or writes
 * the only entry); everything left of it was written by the client and is ignored. Null with no
 * trusted proxy, no header, or fewer entries than trusted proxies (the request did not come
 * through all of them).
 */
export function trustedForwardedEntry(header: string | null, trustedProxies: number): string | null {
  if (trustedProxies < 1 || !header) return null;
  const hops = header.split(",");
  if (hops.length < trustedProxies) return null;
  return hops[hops.length - trustedProxies].trim() || null;
}
