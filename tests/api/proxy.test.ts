// proxy.ts, the edge as Next.js runs it (docs/security.md#the-edge): refusals end the request,
// HSTS rides on the response Next.js continues with, plain http requests pass untouched, and
// static assets never reach it.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const call = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(url, { headers }));

describe("proxy.ts", () => {
  it("refuses a path that does not percent-decode with a 400 problem+json", async () => {
    const response = call("http://localhost:3000/api/inbox/%ff");
    expect(response?.status).toBe(400);
    expect(response?.headers.get("content-type")).toBe("application/problem+json");
    expect(await response?.json()).toMatchObject({ code: "bad_request", instance: "/api/inbox/%ff" });
  });

  it("continues over https with Strict-Transport-Security on the response", () => {
    const response = call("https://cc.example.test/api/v1/projects");
    expect(response?.headers.get("x-middleware-next")).toBe("1");
    expect(response?.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });

  it("lets a plain http request through untouched, a forged X-Forwarded-Proto included (TRUSTED_PROXIES=0)", () => {
    expect(call("http://localhost:3000/api/v1/projects")).toBeUndefined();
    expect(call("http://localhost:3000/api/v1/projects", { "x-forwarded-proto": "https" })).toBeUndefined();
  });

  it("hands the route the request's own Host as X-Forwarded-Host when a client forged one (TRUSTED_PROXIES=0)", () => {
    const response = call("http://localhost:3000/api/auth/signin", { "x-forwarded-host": "evil.example" });
    expect(response?.headers.get("x-middleware-next")).toBe("1");
    expect(response?.headers.get("x-middleware-request-x-forwarded-host")).toBe("localhost:3000");
    expect(call("http://localhost:3000/api/auth/signin", { "x-forwarded-host": "localhost:3000" })).toBeUndefined();
  });

  it("is not run for build assets, optimised images and the favicon", () => {
    const [source] = config.matcher;
    const matches = (path: string) => new RegExp(`^${source}$`).test(path);
    for (const path of ["/_next/static/chunks/app.js", "/_next/image", "/favicon.ico"]) expect(matches(path), path).toBe(false);
    for (const path of ["/", "/api/v1/projects/p/trigger", "/api/inbox/%ff", "/orgs/x", "/_next/data/x.json"]) expect(matches(path), path).toBe(true);
  });
});
