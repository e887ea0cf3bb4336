import { describe, expect, it } from "vitest";
import { redactSecrets } from "./redact";

describe("redactSecrets", () => {
  it("replaces every secret of ours, prefix and all, wherever it sits in a string", () => {
    expect(
      redactSecrets({
        url: "https://hooks.example.test/in?k=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        note: "rotated cc_live_abcDEF123_-xyz and trg_0123456789abcdef",
      }),
    ).toEqual({
      url: "https://hooks.example.test/in?k=[redacted]",
      note: "rotated [redacted] and [redacted]",
    });
  });

  it("replaces whole string values under keys that name a secret, in nested objects and arrays too", () => {
    expect(redactSecrets({ secret: "s3cr3t", nested: { api_token: "t", list: [{ password: "p" }] }, headers: ["Authorization"] })).toEqual({
      secret: "[redacted]",
      nested: { api_token: "[redacted]", list: [{ password: "[redacted]" }] },
      headers: ["Authorization"],
    });
  });

  it("keeps what callers record: names, masked URLs, counts, flags and field names", () => {
    const metadata = {
      name: "Deploy bot",
      scopes: ["builds:write"],
      url: "https://hooks.example.test/••••",
      overlap_seconds: 86400,
      fields: ["url", "secret"],
      secret_provided: true,
      resent: 3,
      until: null,
    };
    expect(redactSecrets(metadata)).toEqual(metadata);
  });
});
