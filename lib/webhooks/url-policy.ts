// Endpoint URL rules (docs/security.md#endpoint-urls): https only unless ALLOW_HTTP_ENDPOINTS; no credentials in the
// URL; private, loopback, link-local and metadata addresses refused unless
// ALLOW_PRIVATE_ENDPOINTS. Literal addresses are refused when the URL is saved; names are
// checked at send time against the address actually connected to (lib/delivery/sender.ts).
import { BlockList, isIP } from "node:net";

export type UrlPolicy = { allowHttp: boolean; allowPrivate: boolean };

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, including the 169.254.169.254 metadata service
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["fd00:ec2::254", 128], // AWS IPv6 metadata
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** True for addresses a webhook must not reach by default. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "");
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, "ipv4");
  if (family === 6) {
    const mapped = bare.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return blocked.check(mapped[1], "ipv4");
    return blocked.check(bare, "ipv6");
  }
  return false;
}

const LOCAL_NAMES = /^(localhost|localhost\.localdomain|.*\.localhost|.*\.local|.*\.internal)$/i;

/** Why `raw` is not an acceptable endpoint URL under `policy`, or null when it is. */
export function endpointUrlProblem(raw: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Not a valid URL. Use a full address like https://example.com/webhooks.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an https:// URL.";
  if (url.protocol === "http:" && !policy.allowHttp) {
    return "Use an https:// URL (plain http:// is allowed only when the operator sets ALLOW_HTTP_ENDPOINTS=1).";
  }
  if (url.username || url.password) {
    return "Remove the credentials from the URL; send them in a custom header instead.";
  }
  if (!policy.allowPrivate) {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (isPrivateAddress(host) || LOCAL_NAMES.test(host)) {
      return `${url.hostname} is a private, loopback or link-local address; endpoints must be reachable on the public internet (the operator can set ALLOW_PRIVATE_ENDPOINTS=1).`;
    }
  }
  return null;
}
