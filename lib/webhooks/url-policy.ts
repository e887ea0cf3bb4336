// Endpoint URL rules (docs/security.md#endpoint-urls): https only unless ALLOW_HTTP_ENDPOINTS; no credentials in the
// URL; link-local and cloud metadata addresses refused always (no setting allows them);
// private and loopback addresses refused unless ALLOW_PRIVATE_ENDPOINTS. urlViolation() is the
// one check: run when an endpoint is saved (endpointUrlProblem), before every delivery attempt
// (lib/delivery/sender.ts, which also checks the address a name resolves to at connect time) and,
// with nothing allowed, on build artifact download URLs (artifactUrlProblem). All of them use
// classifyAddress(), which also judges the IPv4 address embedded in an IPv6 one (mapped,
// compatible, NAT64, 6to4, Teredo) as that IPv4 address. No Node.js module is imported: the
// build schemas (lib/builds/schemas.ts) use this file and are also bundled for the browser.

export type UrlPolicy = { allowHttp: boolean; allowPrivate: boolean };

/** `always-refused`: no setting allows it; `private`: only with ALLOW_PRIVATE_ENDPOINTS; `public`: always allowed. */
export type AddressClass = "always-refused" | "private" | "public";

export interface AddressVerdict {
  class: AddressClass;
  /** The range that decided it, e.g. `169.254.0.0/16 (link-local, …)`; null when public. */
  range: string | null;
  /** The IPv4 address carried inside an IPv6 one, when there is one. */
  embeddedIpv4: string | null;
  /** How it is carried, e.g. `IPv4-mapped IPv6, ::ffff:0:0/96`. */
  embedding: string | null;
}

type Rule = { bits: number[]; prefix: number; class: Exclude<AddressClass, "public">; label: string };

function v4Bytes(text: string): number[] {
  return text.split(".").map(Number);
}

/** The 16 bytes of a valid IPv6 address (no zone), including `::` and a dotted IPv4 tail. */
function v6Bytes(text: string): number[] {
  let s = text.toLowerCase();
  const dotted = s.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const [a, b, c, d] = v4Bytes(dotted[2]);
    s = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split("::") as [string, string | undefined];
  const groups = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const h = groups(head);
  const t = groups(tail);
  const all = tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

function rule(cidr: string, cls: Rule["class"], label: string): Rule {
  const [net, prefix] = cidr.split("/");
  return { bits: net.includes(":") ? v6Bytes(net) : v4Bytes(net), prefix: Number(prefix), class: cls, label: `${cidr} (${label})` };
}

function inRule(bytes: number[], r: Rule): boolean {
  if (bytes.length !== r.bits.length) return false;
  for (let bit = 0; bit < r.prefix; bit += 8) {
    const take = Math.min(8, r.prefix - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((bytes[bit / 8] & mask) !== (r.bits[bit / 8] & mask)) return false;
  }
  return true;
}

// First match wins, so the always-refused rules come first.
const V4_RULES: Rule[] = [
  rule("169.254.0.0/16", "always-refused", "link-local, including the 169.254.169.254 cloud metadata service"),
  rule("100.100.100.200/32", "always-refused", "Alibaba Cloud metadata service"),
  rule("0.0.0.0/8", "private", "this network"),
  rule("10.0.0.0/8", "private", "private network"),
  rule("100.64.0.0/10", "private", "shared address space"),
  rule("127.0.0.0/8", "private", "loopback"),
  rule("172.16.0.0/12", "private", "private network"),
  rule("192.0.0.0/24", "private", "IETF protocol assignments"),
  rule("192.168.0.0/16", "private", "private network"),
  rule("198.18.0.0/15", "private", "benchmarking"),
  rule("224.0.0.0/4", "private", "multicast"),
  rule("240.0.0.0/4", "private", "reserved and broadcast"),
];

const V6_RULES: Rule[] = [
  rule("fe80::/10", "always-refused", "IPv6 link-local"),
  rule("fd00:ec2::254/128", "always-refused", "AWS IPv6 metadata service"),
  rule("::/128", "private", "unspecified"),
  rule("::1/128", "private", "IPv6 loopback"),
  rule("fc00::/7", "private", "IPv6 unique local"),
  rule("fec0::/10", "private", "IPv6 site-local"),
  rule("ff00::/8", "private", "IPv6 multicast"),
  rule("100::/64", "private", "IPv6 discard-only"),
  rule("2001:db8::/32", "private", "IPv6 documentation"),
  rule("64:ff9b:1::/48", "private", "local-use NAT64"),
];

const quad = (b: number[]) => b.join(".");

/**
 * The IPv4 addresses an IPv6 address carries, with how: IPv4-mapped, IPv4-translated,
 * IPv4-compatible, NAT64 (64:ff9b::/96; 64:ff9b:1::/48 at each RFC 6052 position, since its
 * prefix length is the operator's choice), 6to4 (bits 16–48) and Teredo (the client address,
 * stored inverted in the last 32 bits).
 */
function embeddedIpv4(b: number[]): { ipv4: string; embedding: string }[] {
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const last = quad(b.slice(12));
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return [{ ipv4: last, embedding: "IPv4-mapped IPv6, ::ffff:0:0/96" }];
  if (zero(0, 8) && b[8] === 0xff && b[9] === 0xff && zero(10, 12)) {
    return [{ ipv4: last, embedding: "IPv4-translated IPv6, ::ffff:0:0:0/96" }];
  }
  if (zero(0, 12)) return [{ ipv4: last, embedding: "IPv4-compatible IPv6, ::/96" }];
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    if (zero(4, 12)) return [{ ipv4: last, embedding: "NAT64, 64:ff9b::/96" }];
    if (b[4] === 0 && b[5] === 1) {
      const embedding = "local-use NAT64, 64:ff9b:1::/48";
      return [
        [b[6], b[7], b[9], b[10]], // /48
        [b[7], b[9], b[10], b[11]], // /56
        b.slice(9, 13), // /64
        b.slice(12), // /96
      ].map((v4) => ({ ipv4: quad(v4), embedding }));
    }
  }
  if (b[0] === 0x20 && b[1] === 0x02) return [{ ipv4: quad(b.slice(2, 6)), embedding: "6to4, 2002::/16" }];
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) {
    return [{ ipv4: quad(b.slice(12).map((x) => x ^ 0xff)), embedding: "Teredo client, 2001::/32" }];
  }
  return [];
}

const RANK: Record<AddressClass, number> = { public: 0, private: 1, "always-refused": 2 };

function classifyV4(text: string): Pick<AddressVerdict, "class" | "range"> {
  const hit = V4_RULES.find((r) => inRule(v4Bytes(text), r));
  return hit ? { class: hit.class, range: hit.label } : { class: "public", range: null };
}

const DOTTED_QUAD = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

/** The host the URL parser makes of `host` in `http://${host}/`, or null when it is not one. */
const parsedHost = (host: string): string | null => parseUrl(`http://${host}/`)?.hostname ?? null;

/**
 * The address as an IP literal (IPv6 without zone or brackets, compressed), or null when it is a
 * name. The WHATWG URL parser decides, as it does for every URL: it accepts exactly the IPv6
 * forms and, for IPv4, also the legacy spellings inet_aton reads (2852039166,
 * 0xa9.0xfe.0xa9.0xfe, 0251.0376.0251.0376, 169.254.43518), all normalised to a.b.c.d.
 */
function ipLiteral(address: string): { family: 4 | 6; text: string } | null {
  const bare = address.trim().replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (bare.includes(":")) {
    const host = /^[0-9a-f:.]+$/i.test(bare) ? parsedHost(`[${bare}]`) : null;
    return host ? { family: 6, text: host.slice(1, -1) } : null;
  }
  if (/^[0-9a-fx.]+$/i.test(bare)) {
    const host = parsedHost(bare);
    if (host && DOTTED_QUAD.test(host)) return { family: 4, text: host };
  }
  return null;
}

/**
 * Classifies an IP address (any spelling; `[…]` and `%zone` allowed) as `always-refused`,
 * `private` or `public`, judging an IPv4 address embedded in an IPv6 one as that IPv4 address;
 * the stricter verdict wins. Null when `address` is not an IP address (a name).
 */
export function classifyAddress(address: string): AddressVerdict | null {
  const ip = ipLiteral(address);
  if (!ip) return null;
  if (ip.family === 4) return { ...classifyV4(ip.text), embeddedIpv4: null, embedding: null };
  const bytes = v6Bytes(ip.text);
  const own = V6_RULES.find((r) => inRule(bytes, r));
  let verdict: AddressVerdict = own
    ? { class: own.class, range: own.label, embeddedIpv4: null, embedding: null }
    : { class: "public", range: null, embeddedIpv4: null, embedding: null };
  for (const { ipv4, embedding } of embeddedIpv4(bytes)) {
    const inner = classifyV4(ipv4);
    if (RANK[inner.class] > RANK[verdict.class]) verdict = { ...inner, embeddedIpv4: ipv4, embedding };
  }
  return verdict;
}

/** True for addresses a webhook may reach only with ALLOW_PRIVATE_ENDPOINTS (or never). */
export function isPrivateAddress(address: string): boolean {
  const verdict = classifyAddress(address);
  return verdict !== null && verdict.class !== "public";
}

function where(verdict: AddressVerdict): string {
  return verdict.embeddedIpv4 ? `${verdict.range} via the embedded IPv4 address ${verdict.embeddedIpv4} (${verdict.embedding})` : `${verdict.range}`;
}

function refusalOf(verdict: AddressVerdict, policy: Pick<UrlPolicy, "allowPrivate">): string | null {
  if (verdict.class === "public") return null;
  if (verdict.class === "always-refused") {
    return `in ${where(verdict)}; webhooks are never sent to link-local or cloud metadata addresses, and no setting allows it.`;
  }
  if (policy.allowPrivate) return null;
  return `a private, loopback or link-local address in ${where(verdict)}; endpoints must be reachable on the public internet (the operator can set ALLOW_PRIVATE_ENDPOINTS=1).`;
}

/**
 * Why a webhook must not be sent to `address` under `policy`, written after the address
 * ("169.254.169.254, in 169.254.0.0/16 (…); …"), or null when it may. Names are not judged here.
 */
export function addressRefusal(address: string, policy: Pick<UrlPolicy, "allowPrivate">): string | null {
  const verdict = classifyAddress(address);
  return verdict ? refusalOf(verdict, policy) : null;
}

const LOCAL_NAMES = /^(localhost|localhost\.localdomain|.*\.localhost|.*\.local|.*\.internal)$/i;

/** The first rule a URL breaks, checked in this order; each caller words it for its own reader. */
export type UrlViolation =
  | { rule: "invalid" }
  /** Neither https: nor http:. */
  | { rule: "scheme"; protocol: string }
  /** http: while plain http is not allowed. */
  | { rule: "http" }
  | { rule: "credentials" }
  /** A literal address the policy refuses; `host` as the URL writes it (IPv6 in brackets), `reason` as addressRefusal() words it. */
  | { rule: "address"; host: string; verdict: AddressVerdict; reason: string }
  /** localhost, *.local, *.internal… while private destinations are not allowed. */
  | { rule: "local-name"; host: string };

/**
 * The rule `raw` breaks under `policy`, or null when it breaks none. A pure function of its
 * arguments, so callers on hot paths may remember the answer per URL.
 */
export function urlViolation(raw: string, policy: UrlPolicy): UrlViolation | null {
  const url = parseUrl(raw);
  if (!url) return { rule: "invalid" };
  if (url.protocol !== "https:" && url.protocol !== "http:") return { rule: "scheme", protocol: url.protocol };
  if (url.protocol === "http:" && !policy.allowHttp) return { rule: "http" };
  if (url.username || url.password) return { rule: "credentials" };
  // The URL parser has already turned every IPv4 spelling (decimal, hex, octal) into a.b.c.d.
  const verdict = classifyAddress(url.hostname);
  const reason = verdict && refusalOf(verdict, policy);
  if (verdict && reason) return { rule: "address", host: url.hostname, verdict, reason };
  if (!policy.allowPrivate && LOCAL_NAMES.test(url.hostname.replace(/\.$/, ""))) return { rule: "local-name", host: url.hostname };
  return null;
}

/** Why `raw` is not an acceptable endpoint URL under `policy`, or null when it is. */
export function endpointUrlProblem(raw: string, policy: UrlPolicy): string | null {
  const violation = urlViolation(raw, policy);
  switch (violation?.rule) {
    case undefined:
      return null;
    case "invalid":
      return "Not a valid URL. Use a full address like https://example.com/webhooks.";
    case "scheme":
      return "Use an https:// URL.";
    case "http":
      return "Use an https:// URL (plain http:// is allowed only when the operator sets ALLOW_HTTP_ENDPOINTS=1).";
    case "credentials":
      return "Remove the credentials from the URL; send them in a custom header instead.";
    case "address":
      return `${violation.host} is ${violation.reason}`;
    case "local-name":
      return `${violation.host} is a local name; endpoints must be reachable on the public internet (the operator can set ALLOW_PRIVATE_ENDPOINTS=1).`;
  }
}

/**
 * The host of `raw` when it is a literal address no setting allows (link-local, cloud
 * metadata), with addressRefusal()'s reason; null for any other URL. Checked before the one
 * exception to the endpoint URL rules, a live test inbox's URL: no inbox makes such a host
 * acceptable (docs/security.md#endpoint-urls).
 */
export function alwaysRefusedHost(raw: string): { host: string; reason: string } | null {
  const host = parseUrl(raw)?.hostname;
  const verdict = host ? classifyAddress(host) : null;
  if (!host || verdict?.class !== "always-refused") return null;
  return { host, reason: refusalOf(verdict, { allowPrivate: false })! };
}

/** Build artifacts are downloaded by people and machines outside this server: nothing local is ever allowed. */
const ARTIFACT_POLICY: UrlPolicy = { allowHttp: false, allowPrivate: false };

/**
 * Why `raw` is not an acceptable artifact download URL, or null when it is: https only, no
 * credentials, no literal private, loopback, link-local or metadata address and no local name,
 * whatever ALLOW_HTTP_ENDPOINTS and ALLOW_PRIVATE_ENDPOINTS say (docs/security.md#artifact-urls).
 */
export function artifactUrlProblem(raw: string): string | null {
  const violation = urlViolation(raw, ARTIFACT_POLICY);
  switch (violation?.rule) {
    case undefined:
      return null;
    case "invalid":
      return "Not a valid URL. Use a full https:// address like https://downloads.example.com/MyPlugin.zip.";
    case "scheme":
    case "http":
      return "Use an https:// URL; artifact downloads are always https.";
    case "credentials":
      return "Remove the credentials from the URL; a download URL cannot carry a user name or password.";
    case "address":
      return `${violation.host} is ${violation.verdict.class === "always-refused" ? "a link-local or cloud metadata address" : "a private or loopback address"} in ${where(violation.verdict)}; download URLs must name a public host, and no setting allows it.`;
    case "local-name":
      return `${violation.host} is a local name; download URLs must name a public host, and no setting allows it.`;
  }
}
