// Where a request came from (audit log, sign-in throttle): the client address is taken only from
// the X-Forwarded-For entries the configured trusted proxies wrote, never from what the client sent.
import { describe, expect, it } from "vitest";
import { requestOrigin } from "@/lib/audit";
import { config } from "@/lib/config";

const ipOf = (headers: Record<string, string>, trustedProxies?: number) => requestOrigin(new Headers(headers), trustedProxies).ip;

describe("requestOrigin", () => {
  it("uses TRUSTED_PROXIES from the configuration, 0 by default in the embedded default", () => {
    expect(config().trustedProxies).toBe(0);
    expect(ipOf({ "x-forwarded-for": "203.0.113.7" })).toBeNull();
  });

  it("with no trusted proxy believes no header: a forged X-Forwarded-For or X-Real-IP records no address", () => {
    expect(ipOf({ "x-forwarded-for": "203.0.113.7" }, 0)).toBeNull();
    expect(ipOf({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }, 0)).toBeNull();
    expect(ipOf({ "x-real-ip": "203.0.113.7" }, 0)).toBeNull();
    expect(ipOf({}, 0)).toBeNull();
  });

  it("takes the address TRUSTED_PROXIES hops from the right, ignoring what the client prepended", () => {
    // The client forged "6.6.6.6"; one proxy appended the address it saw.
    expect(ipOf({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }, 1)).toBe("203.0.113.7");
    // CDN (appends the client) → load balancer (appends the CDN's address).
    expect(ipOf({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 198.51.100.2" }, 2)).toBe("203.0.113.7");
    expect(ipOf({ "x-forwarded-for": "203.0.113.7" }, 1)).toBe("203.0.113.7");
    // Two X-Forwarded-For headers are one list, in order.
    const twice = new Headers([
      ["x-forwarded-for", "6.6.6.6"],
      ["x-forwarded-for", "203.0.113.7"],
    ]);
    expect(requestOrigin(twice, 1).ip).toBe("203.0.113.7");
  });

  it("never reads X-Real-IP, even behind proxies", () => {
    expect(ipOf({ "x-real-ip": "6.6.6.6" }, 1)).toBeNull();
    expect(ipOf({ "x-real-ip": "6.6.6.6", "x-forwarded-for": "203.0.113.7" }, 1)).toBe("203.0.113.7");
  });

  it("records nothing when the list is shorter than the number of trusted proxies", () => {
    expect(ipOf({ "x-forwarded-for": "203.0.113.7" }, 2)).toBeNull();
    expect(ipOf({}, 1)).toBeNull();
  });

  it("records nothing when the entry at that position is not an IP address", () => {
    expect(ipOf({ "x-forwarded-for": "203.0.113.7, evil.example" }, 1)).toBeNull();
    expect(ipOf({ "x-forwarded-for": "203.0.113.7, unknown" }, 1)).toBeNull();
    expect(ipOf({ "x-forwarded-for": "203.0.113.7," }, 1)).toBeNull();
    expect(ipOf({ "x-forwarded-for": "<script>, 1.2.3.4" }, 2)).toBeNull();
  });

  it("accepts IPv6 and strips a port a proxy may add", () => {
    expect(ipOf({ "x-forwarded-for": "2001:DB8::1" }, 1)).toBe("2001:db8::1");
    expect(ipOf({ "x-forwarded-for": "[2001:db8::1]:443" }, 1)).toBe("2001:db8::1");
    expect(ipOf({ "x-forwarded-for": "203.0.113.7:51200" }, 1)).toBe("203.0.113.7");
  });

  it("keeps the user agent as sent", () => {
    expect(requestOrigin(new Headers({ "user-agent": "curl/8.5" }), 0)).toEqual({ ip: null, userAgent: "curl/8.5" });
  });
});
