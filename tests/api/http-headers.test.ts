// The security headers next.config.ts puts on every response (docs/security.md#http-headers).
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";

async function headerRules() {
  if (!nextConfig.headers) throw new Error("next.config.ts has no headers()");
  return nextConfig.headers();
}

describe("security headers", () => {
  it("apply to every path, pages and API routes alike", async () => {
    const rules = await headerRules();
    expect(rules).toHaveLength(1);
    expect(rules[0].source).toBe("/:path*");
  });

  it("forbid framing, sniffing and cross-origin referrers", async () => {
    const headers = Object.fromEntries((await headerRules())[0].headers.map((h) => [h.key.toLowerCase(), h.value]));
    expect(headers).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
  });

  it("set a Content-Security-Policy that keeps everything on this origin and no page in a frame", async () => {
    const csp = (await headerRules())[0].headers.find((h) => h.key === "Content-Security-Policy")?.value ?? "";
    const directives = Object.fromEntries(
      csp.split(";").map((d) => {
        const [name, ...sources] = d.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'self'"]);
    expect(directives["script-src"]).toEqual(["'self'", "'unsafe-inline'"]); // no 'unsafe-eval' outside `next dev`
    expect(directives["connect-src"]).toEqual(["'self'"]);
    expect(directives["form-action"]).toEqual(["'self'", "https://github.com"]);
    for (const sources of Object.values(directives)) expect(sources).not.toContain("*");
  });
});
