import { describe, expect, it } from "vitest";
import { maskEndpointUrl, maskHeaders, redactHeaderValues } from "./masking";

const SLACK = "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx";
const DISCORD = "https://discord.com/api/webhooks/123456789012345678/Zx9-aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789_abcdefghijklmnopqrstuvwx";

describe("maskEndpointUrl", () => {
  it("hides every part of a Slack or Discord incoming-webhook URL that identifies the hook", () => {
    expect(maskEndpointUrl(SLACK)).toBe("https://hooks.slack.com/services/…/…/…");
    expect(maskEndpointUrl(DISCORD)).toBe("https://discord.com/api/webhooks/…/…");
  });

  it("keeps the scheme, host, port and short words; hides token-like segments and every query value", () => {
    expect(maskEndpointUrl("https://api.example.com:8443/v2/webhooks/control-center")).toBe("https://api.example.com:8443/v2/webhooks/control-center");
    expect(maskEndpointUrl("https://example.com/hooks/3f2b9c1e-8d4a-4f7e-9b1a-2c3d4e5f6a7b")).toBe("https://example.com/hooks/…");
    expect(maskEndpointUrl("https://example.com/catch/123456/abcdefghijklmnopq/")).toBe("https://example.com/catch/…/…/");
    expect(maskEndpointUrl("https://example.com/in?token=s3cr3t&team=audio&flag&abcdef123456=x")).toBe("https://example.com/in?token=…&team=…&…&…=…");
  });

  it("drops user info and the fragment", () => {
    expect(maskEndpointUrl("https://user:hunter2@example.com/hook#frag")).toBe("https://example.com/hook");
  });

  it("is idempotent, so the stored masked form masks to itself", () => {
    for (const url of [SLACK, DISCORD, "https://example.com/in?token=s3cr3t", "http://127.0.0.1:9/hook"]) {
      const masked = maskEndpointUrl(url);
      expect(maskEndpointUrl(masked)).toBe(masked);
    }
  });

  it("shows nothing of a URL it cannot parse", () => {
    expect(maskEndpointUrl("not a url with a s3cr3t")).toBe("…");
  });
});

describe("maskHeaders", () => {
  it("keeps the names and hides every value", () => {
    expect(maskHeaders({ Authorization: "Bearer abc", "X-Team": "audio" })).toEqual({ Authorization: "••••", "X-Team": "••••" });
  });
});

describe("redactHeaderValues", () => {
  const sent = { "x-auth": "s3cret", "X-Signing-Key": "k3y", Authorization: "Bearer abc", "X-Api-Key": "key", "content-type": "application/json", "x-team": "audio" };

  it("hides configured names, whatever their case, and credential-looking names; keeps the rest and every name", () => {
    expect(redactHeaderValues(sent, ["X-Auth", "x-signing-key"], "[redacted]")).toEqual({
      "x-auth": "[redacted]",
      "X-Signing-Key": "[redacted]",
      Authorization: "[redacted]",
      "X-Api-Key": "[redacted]",
      "content-type": "application/json",
      "x-team": "audio",
    });
  });

  it("hides only credential-looking names when nothing is configured", () => {
    expect(redactHeaderValues(sent, [], "••••")).toMatchObject({ "x-auth": "s3cret", "X-Signing-Key": "k3y", Authorization: "••••", "X-Api-Key": "••••" });
  });
});
