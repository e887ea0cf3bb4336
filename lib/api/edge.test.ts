import { describe, expect, it } from "vitest";
import { arrivedOverHttps, atTheEdge, forwardedHostRewrite, pathDecodes, STRICT_TRANSPORT_SECURITY } from "./edge";

const request = (url: string, headers: Record<string, string> = {}) => ({ nextUrl: new URL(url), headers: new Headers(headers) });

const UNDECODABLE = [
  "/api/v1/webhooks/ep_%F0%9F", // a truncated 4-byte sequence
  "/api/inbox/%ff", // not UTF-8 at all
  "/invite/%ff",
  "/orgs/%ff",
  "/orgs/%C0%AF", // overlong "/"
  "/orgs/%ED%A0%80", // a UTF-16 surrogate
  "/orgs/%", // an escape cut short
  "/orgs/%zz", // not hex
  "/orgs/ok%2",
];

describe("pathDecodes", () => {
  it("passes paths without escapes and with valid UTF-8 escapes", () => {
    for (const path of ["/", "/api/v1/projects", "/orgs/org_01/projects", "/a%20b", "/%E2%9C%93", "/%F0%9F%9A%80", "/a%2Fb", "/%00"]) {
      expect(pathDecodes(path), path).toBe(true);
    }
  });

  it.each(UNDECODABLE)("refuses %s", (path) => {
    expect(pathDecodes(path)).toBe(false);
  });
});

describe("arrivedOverHttps", () => {
  it("believes the URL's scheme", () => {
    expect(arrivedOverHttps("https:", new Headers(), 0)).toBe(true);
    expect(arrivedOverHttps("http:", new Headers(), 0)).toBe(false);
  });

  it("believes X-Forwarded-Proto only from trusted proxies, the entry they wrote", () => {
    expect(arrivedOverHttps("http:", new Headers({ "x-forwarded-proto": "https" }), 0)).toBe(false);
    expect(arrivedOverHttps("http:", new Headers({ "x-forwarded-proto": "https" }), 1)).toBe(true);
    expect(arrivedOverHttps("http:", new Headers({ "x-forwarded-proto": "https, http" }), 1)).toBe(false);
    expect(arrivedOverHttps("http:", new Headers({ "x-forwarded-proto": "http" }), 1)).toBe(false);
  });
});

describe("forwardedHostRewrite", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it("replaces a client's X-Forwarded-Host with the request's Host when no proxy is trusted", () => {
    expect(forwardedHostRewrite(headers({ host: "cc.example.test", "x-forwarded-host": "evil.example" }), 0, "url.example")).toBe("cc.example.test");
    expect(forwardedHostRewrite(headers({ host: "cc.example.test", "x-forwarded-host": "a.example, cc.example.test" }), 0, "url.example")).toBe("cc.example.test");
  });

  it("keeps the entry the outermost trusted proxy wrote, dropping what the client put left of it", () => {
    expect(forwardedHostRewrite(headers({ host: "10.0.0.5:3000", "x-forwarded-host": "evil.example, cc.example.test" }), 1, "url.example")).toBe("cc.example.test");
    expect(forwardedHostRewrite(headers({ host: "10.0.0.5:3000", "x-forwarded-host": "cc.example.test" }), 1, "url.example")).toBeUndefined();
    // Fewer entries than trusted proxies: it did not come through them all, so the Host counts.
    expect(forwardedHostRewrite(headers({ host: "10.0.0.5:3000", "x-forwarded-host": "cc.example.test" }), 2, "url.example")).toBe("10.0.0.5:3000");
  });

  it("leaves an ordinary request alone: no header, or the one Next.js set from the Host", () => {
    expect(forwardedHostRewrite(headers({ host: "cc.example.test" }), 0, "url.example")).toBeUndefined();
    expect(forwardedHostRewrite(headers({ host: "cc.example.test", "x-forwarded-host": "cc.example.test" }), 0, "url.example")).toBeUndefined();
  });
});

describe("atTheEdge", () => {
  it("lets ordinary requests through, with HSTS only over https", () => {
    expect(atTheEdge(request("http://localhost:3000/api/v1/projects"), 0)).toEqual({ refusal: null, hsts: false });
    expect(atTheEdge(request("https://cc.example.test/api/v1/projects"), 0)).toEqual({ refusal: null, hsts: true });
    expect(atTheEdge(request("http://10.0.0.5/x", { "x-forwarded-proto": "https" }), 0)).toEqual({ refusal: null, hsts: false });
    expect(atTheEdge(request("http://10.0.0.5/x", { "x-forwarded-proto": "https" }), 1)).toEqual({ refusal: null, hsts: true });
  });

  it.each(UNDECODABLE)("answers %s with a 400 problem+json", async (path) => {
    const { refusal } = atTheEdge(request(`http://localhost:3000${path}`), 0);
    expect(refusal?.status).toBe(400);
    expect(refusal?.headers.get("content-type")).toBe("application/problem+json");
    expect(refusal?.headers.get("strict-transport-security")).toBeNull();
    expect(await refusal?.json()).toEqual({
      type: "/docs/errors#bad_request",
      title: "Bad Request",
      status: 400,
      code: "bad_request",
      detail: "The path is not valid percent-encoded UTF-8: every % must start a %XX escape, and the escaped bytes must spell UTF-8 characters.",
      instance: path,
    });
  });

  it("puts HSTS on the refusal too when the request came over https", () => {
    const { refusal, hsts } = atTheEdge(request("https://cc.example.test/orgs/%ff"), 0);
    expect(hsts).toBe(true);
    expect(refusal?.headers.get("strict-transport-security")).toBe(STRICT_TRANSPORT_SECURITY);
    expect(STRICT_TRANSPORT_SECURITY).toBe("max-age=63072000; includeSubDomains");
  });
});
