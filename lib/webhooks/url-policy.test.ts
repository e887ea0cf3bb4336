import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { alwaysRefusedHost, artifactUrlProblem, classifyAddress, endpointUrlProblem, isPrivateAddress, urlViolation, type AddressClass } from "./url-policy";

const strict = { allowHttp: false, allowPrivate: false };
const open = { allowHttp: true, allowPrivate: true };

const LINK_LOCAL = "169.254.0.0/16";

// Every spelling of an address: [input, class, the range named (or null), the embedded IPv4 (or null)].
const ADDRESSES: [string, AddressClass, string | null, string | null][] = [
  // IPv4 link-local and metadata, in every spelling the URL parser (and inet_aton) accepts
  ["169.254.169.254", "always-refused", LINK_LOCAL, null],
  ["169.254.0.1", "always-refused", LINK_LOCAL, null],
  ["2852039166", "always-refused", LINK_LOCAL, null], // decimal
  ["0xa9fea9fe", "always-refused", LINK_LOCAL, null], // hex
  ["0xa9.0xfe.0xa9.0xfe", "always-refused", LINK_LOCAL, null], // hex parts
  ["0251.0376.0251.0376", "always-refused", LINK_LOCAL, null], // octal parts
  ["169.254.43518", "always-refused", LINK_LOCAL, null], // a.b.c
  ["100.100.100.200", "always-refused", "100.100.100.200/32", null], // Alibaba Cloud metadata
  // IPv4 link-local inside IPv6
  ["::ffff:169.254.169.254", "always-refused", LINK_LOCAL, "169.254.169.254"], // IPv4-mapped
  ["::ffff:a9fe:a9fe", "always-refused", LINK_LOCAL, "169.254.169.254"], // IPv4-mapped, hex
  ["[::FFFF:A9FE:A9FE]", "always-refused", LINK_LOCAL, "169.254.169.254"], // as in a URL, upper case
  ["::ffff:0:a9fe:a9fe", "always-refused", LINK_LOCAL, "169.254.169.254"], // IPv4-translated
  ["::169.254.169.254", "always-refused", LINK_LOCAL, "169.254.169.254"], // IPv4-compatible
  ["::a9fe:a9fe", "always-refused", LINK_LOCAL, "169.254.169.254"], // IPv4-compatible, hex
  ["64:ff9b::a9fe:a9fe", "always-refused", LINK_LOCAL, "169.254.169.254"], // NAT64
  ["64:ff9b::169.254.169.254", "always-refused", LINK_LOCAL, "169.254.169.254"], // NAT64, dotted
  ["64:ff9b:1::a9fe:a9fe", "always-refused", LINK_LOCAL, "169.254.169.254"], // local-use NAT64, /96 position
  ["64:ff9b:1:a9fe:a9:fe00::", "always-refused", LINK_LOCAL, "169.254.169.254"], // local-use NAT64, /48 position
  ["2002:a9fe:a9fe::1", "always-refused", LINK_LOCAL, "169.254.169.254"], // 6to4
  ["2001:0:4136:e378:8000:63bf:5601:5601", "always-refused", LINK_LOCAL, "169.254.169.254"], // Teredo client (inverted)
  // IPv6 link-local and metadata
  ["fe80::1", "always-refused", "fe80::/10", null],
  ["fe80::1%eth0", "always-refused", "fe80::/10", null], // zone, as a DNS answer may carry it
  ["febf:ffff::1", "always-refused", "fe80::/10", null],
  ["fd00:ec2::254", "always-refused", "fd00:ec2::254/128", null],
  ["FD00:EC2:0:0:0:0:0:254", "always-refused", "fd00:ec2::254/128", null],
  // Private and loopback, in IPv4 and inside IPv6
  ["127.0.0.1", "private", "127.0.0.0/8", null],
  ["2130706433", "private", "127.0.0.0/8", null], // decimal 127.0.0.1
  ["0x7f.1", "private", "127.0.0.0/8", null],
  ["10.1.2.3", "private", "10.0.0.0/8", null],
  ["172.20.0.1", "private", "172.16.0.0/12", null],
  ["192.168.1.10", "private", "192.168.0.0/16", null],
  ["100.64.0.1", "private", "100.64.0.0/10", null],
  ["0.0.0.0", "private", "0.0.0.0/8", null],
  ["224.0.0.1", "private", "224.0.0.0/4", null],
  ["255.255.255.255", "private", "240.0.0.0/4", null],
  ["::", "private", "::/128", null],
  ["::1", "private", "::1/128", null],
  ["fd12:3456::1", "private", "fc00::/7", null],
  ["fd00:ec2::253", "private", "fc00::/7", null], // only ::254 is the metadata service
  ["ff02::1", "private", "ff00::/8", null],
  ["::ffff:127.0.0.1", "private", "127.0.0.0/8", "127.0.0.1"],
  ["::ffff:c0a8:10a", "private", "192.168.0.0/16", "192.168.1.10"],
  ["::10.0.0.1", "private", "10.0.0.0/8", "10.0.0.1"],
  ["64:ff9b::a00:1", "private", "10.0.0.0/8", "10.0.0.1"],
  ["64:ff9b:1::808:808", "private", "64:ff9b:1::/48", null], // local use, whatever it carries
  ["2002:7f00:1::", "private", "127.0.0.0/8", "127.0.0.1"],
  ["2002:c0a8:10a::", "private", "192.168.0.0/16", "192.168.1.10"],
  // Public, also when carried in IPv6
  ["8.8.8.8", "public", null, null],
  ["134744072", "public", null, null], // decimal 8.8.8.8
  ["169.253.255.255", "public", null, null],
  ["169.255.0.0", "public", null, null],
  ["2606:4700::1111", "public", null, null],
  ["2002:0808:0808::", "public", null, null], // 6to4 of 8.8.8.8
  ["64:ff9b::808:808", "public", null, null], // NAT64 of 8.8.8.8
  ["::ffff:8.8.8.8", "public", null, null],
  ["2001:0:4136:e378:8000:63bf:f7f7:f7f7", "public", null, null], // Teredo client 8.8.8.8
  ["fec0::1", "private", "fec0::/10", null],
];

describe("classifyAddress", () => {
  it.each(ADDRESSES)("%s is %s", (address, cls, range, ipv4) => {
    const verdict = classifyAddress(address);
    expect(verdict?.class).toBe(cls);
    if (range) expect(verdict?.range).toMatch(new RegExp(`^${range.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(`));
    else expect(verdict?.range).toBeNull();
    expect(verdict?.embeddedIpv4).toBe(ipv4);
    expect(isPrivateAddress(address)).toBe(cls !== "public");
  });

  it("answers null for names", () => {
    for (const name of ["example.com", "localhost", "cafe", "deadbeef.example", "metadata.google.internal"]) {
      expect(classifyAddress(name), name).toBeNull();
    }
  });
});

// Literal addresses in URLs, as typed: [url, class]. The URL parser normalises the spelling first.
const URLS: [string, AddressClass][] = [
  ["http://169.254.169.254/latest/meta-data/", "always-refused"],
  ["http://2852039166/", "always-refused"],
  ["http://0xa9fea9fe/", "always-refused"],
  ["http://0xa9.0xfe.0xa9.0xfe/", "always-refused"],
  ["http://0251.0376.0251.0376/", "always-refused"],
  ["http://169.254.43518/", "always-refused"],
  ["http://169.254.169.254./", "always-refused"],
  ["http://%31%36%39.254.169.254/", "always-refused"],
  ["http://[::ffff:169.254.169.254]/", "always-refused"],
  ["http://[::ffff:a9fe:a9fe]/", "always-refused"],
  ["http://[::169.254.169.254]/", "always-refused"],
  ["http://[64:ff9b::a9fe:a9fe]/", "always-refused"],
  ["http://[64:ff9b:1::a9fe:a9fe]/", "always-refused"],
  ["http://[2002:a9fe:a9fe::1]/", "always-refused"],
  ["http://[2001:0:4136:e378:8000:63bf:5601:5601]/", "always-refused"],
  ["http://[fe80::1]/", "always-refused"],
  ["http://[fd00:ec2::254]/latest/meta-data/", "always-refused"],
  ["http://127.0.0.1:8080/", "private"],
  ["http://2130706433/", "private"],
  ["http://0x7f.1/", "private"],
  ["http://10.1.2.3/", "private"],
  ["http://[::1]/", "private"],
  ["http://[::ffff:127.0.0.1]/", "private"],
  ["http://[2002:c0a8:10a::]/", "private"],
  ["http://localhost:8443/", "private"],
  ["http://localhost.:8443/", "private"],
  ["http://db.internal/", "private"],
  ["http://printer.local/", "private"],
  ["http://8.8.8.8/", "public"],
  ["http://134744072/", "public"],
  ["http://[2002:808:808::]/", "public"],
  ["http://[64:ff9b::808:808]/", "public"],
  ["http://[2606:4700::1111]/", "public"],
  ["http://hooks.example.com/", "public"],
];

describe("endpoint URL policy", () => {
  it.each(URLS)("%s (%s) with ALLOW_PRIVATE_ENDPOINTS on and off", (url, cls) => {
    const on = endpointUrlProblem(url, { allowHttp: true, allowPrivate: true });
    const off = endpointUrlProblem(url, { allowHttp: true, allowPrivate: false });
    if (cls === "always-refused") {
      for (const problem of [on, off]) {
        expect(problem).toMatch(/ is in (169\.254\.0\.0\/16|fe80::\/10|fd00:ec2::254\/128) \(/);
        expect(problem).toContain("no setting allows it");
        expect(problem).not.toContain("ALLOW_PRIVATE_ENDPOINTS");
      }
      expect(on).toBe(off);
    } else if (cls === "private") {
      expect(on).toBeNull();
      expect(off).toContain("ALLOW_PRIVATE_ENDPOINTS=1");
    } else {
      expect(on).toBeNull();
      expect(off).toBeNull();
    }
  });

  it("names the range and the embedding in the refusal", () => {
    expect(endpointUrlProblem("http://[::ffff:169.254.169.254]/", open)).toBe(
      "[::ffff:a9fe:a9fe] is in 169.254.0.0/16 (link-local, including the 169.254.169.254 cloud metadata service) via the embedded IPv4 address 169.254.169.254 (IPv4-mapped IPv6, ::ffff:0:0/96); webhooks are never sent to link-local or cloud metadata addresses, and no setting allows it.",
    );
    expect(endpointUrlProblem("http://2852039166/", open)).toMatch(/^169\.254\.169\.254 is in 169\.254\.0\.0\/16 /);
    expect(endpointUrlProblem("https://10.1.2.3/", strict)).toBe(
      "10.1.2.3 is a private, loopback or link-local address in 10.0.0.0/8 (private network); endpoints must be reachable on the public internet (the operator can set ALLOW_PRIVATE_ENDPOINTS=1).",
    );
  });

  it("refuses a zone index in a URL as not a URL (the URL standard has no zones)", () => {
    expect(endpointUrlProblem("http://[fe80::1%eth0]/", open)).toContain("Not a valid URL");
    expect(endpointUrlProblem("http://[fe80::1%25eth0]/", open)).toContain("Not a valid URL");
  });

  it("accepts public https URLs", () => {
    expect(endpointUrlProblem("https://hooks.example.com/builds?x=1", strict)).toBeNull();
  });

  it("refuses plain http unless allowed, and says how to allow it", () => {
    expect(endpointUrlProblem("http://hooks.example.com", strict)).toContain("ALLOW_HTTP_ENDPOINTS=1");
    expect(endpointUrlProblem("http://hooks.example.com", { ...strict, allowHttp: true })).toBeNull();
  });

  it("refuses other schemes, garbage and credentials in the URL", () => {
    expect(endpointUrlProblem("ftp://example.com", open)).toBe("Use an https:// URL.");
    expect(endpointUrlProblem("not a url", open)).toContain("Not a valid URL");
    expect(endpointUrlProblem("https://user:pass@example.com", open)).toContain("Remove the credentials");
  });
});

describe("urlViolation, the one check at save time, at send time and for artifacts", () => {
  it("names the first rule broken, in order: parse, scheme, plain http, credentials, address, local name", () => {
    expect(urlViolation("not a url", open)).toEqual({ rule: "invalid" });
    expect(urlViolation("ftp://user:pw@169.254.169.254/", open)).toEqual({ rule: "scheme", protocol: "ftp:" });
    expect(urlViolation("http://user:pw@169.254.169.254/", strict)).toEqual({ rule: "http" });
    expect(urlViolation("https://user:pw@169.254.169.254/", strict)).toEqual({ rule: "credentials" });
    expect(urlViolation("https://169.254.169.254/", open)).toMatchObject({ rule: "address", host: "169.254.169.254", verdict: { class: "always-refused" } });
    expect(urlViolation("https://[::1]/", strict)).toMatchObject({ rule: "address", host: "[::1]", reason: expect.stringContaining("ALLOW_PRIVATE_ENDPOINTS=1") });
    expect(urlViolation("https://db.internal/", strict)).toEqual({ rule: "local-name", host: "db.internal" });
    expect(urlViolation("https://db.internal/", open)).toBeNull();
    expect(urlViolation("https://hooks.example.com/x", strict)).toBeNull();
  });

  it("gives the same answer for the same URL and policy (callers remember it per URL)", () => {
    for (const url of URLS.map(([u]) => u)) expect(urlViolation(url, strict)).toEqual(urlViolation(url, strict));
  });

  it("imports no Node.js module: the build schemas, bundled for the browser too, use it", () => {
    expect(readFileSync(new URL("./url-policy.ts", import.meta.url), "utf8")).not.toMatch(/from "(node:[a-z_/]+|net|dns|fs|os|path|crypto)"/);
  });
});

describe("alwaysRefusedHost (checked before the test-inbox exception)", () => {
  it("finds link-local and metadata hosts in every spelling, with the reason", () => {
    for (const url of URLS.filter(([, cls]) => cls === "always-refused").map(([u]) => u)) {
      expect(alwaysRefusedHost(`${url}api/inbox/${"x".repeat(43)}`), url).toMatchObject({ reason: expect.stringContaining("no setting allows it") });
    }
    expect(alwaysRefusedHost("http://2852039166/api/inbox/x")).toMatchObject({ host: "169.254.169.254" });
  });

  it("answers null for private, public, named and invalid URLs", () => {
    for (const url of ["http://127.0.0.1:3000/api/inbox/x", "http://10.0.0.1/", "https://hooks.example.com/", "http://localhost:3000/", "not a url"]) {
      expect(alwaysRefusedHost(url), url).toBeNull();
    }
  });
});

describe("artifactUrlProblem", () => {
  it("accepts https URLs on public hosts", () => {
    for (const url of ["https://downloads.example.com/a/MyPlugin.vst3", "https://downloads.example.com:8443/a?sig=1", "https://[2606:4700::1111]/a", "https://8.8.8.8/a"]) {
      expect(artifactUrlProblem(url), url).toBeNull();
    }
  });

  it("refuses plain http, credentials, literal private, loopback, link-local and metadata addresses and local names, with no setting to allow them", () => {
    const refused: [string, string][] = [
      ["http://downloads.example.com/a", "Use an https:// URL; artifact downloads are always https."],
      ["https://u:p@downloads.example.com/a", "Remove the credentials from the URL; a download URL cannot carry a user name or password."],
      ["https://169.254.169.254/latest/", "169.254.169.254 is a link-local or cloud metadata address in 169.254.0.0/16 (link-local, including the 169.254.169.254 cloud metadata service); download URLs must name a public host, and no setting allows it."],
      ["https://[::ffff:a9fe:a9fe]/", "[::ffff:a9fe:a9fe] is a link-local or cloud metadata address in 169.254.0.0/16 (link-local, including the 169.254.169.254 cloud metadata service) via the embedded IPv4 address 169.254.169.254 (IPv4-mapped IPv6, ::ffff:0:0/96); download URLs must name a public host, and no setting allows it."],
      ["https://192.168.1.10/a", "192.168.1.10 is a private or loopback address in 192.168.0.0/16 (private network); download URLs must name a public host, and no setting allows it."],
      ["https://localhost:8443/a", "localhost is a local name; download URLs must name a public host, and no setting allows it."],
      ["https://ci.internal/a", "ci.internal is a local name; download URLs must name a public host, and no setting allows it."],
      ["file:///etc/passwd", "Use an https:// URL; artifact downloads are always https."],
      ["//downloads.example.com/a", "Not a valid URL. Use a full https:// address like https://downloads.example.com/MyPlugin.zip."],
    ];
    for (const [url, problem] of refused) expect(artifactUrlProblem(url), url).toBe(problem);
  });
});
