import { describe, expect, it } from "vitest";
import { trustedForwardedEntry } from "./forwarded";

describe("trustedForwardedEntry", () => {
  it("believes nothing without a trusted proxy", () => {
    expect(trustedForwardedEntry("cc.example.test", 0)).toBeNull();
    expect(trustedForwardedEntry(null, 1)).toBeNull();
  });

  it("takes the entry `trustedProxies` hops from the right, trimmed", () => {
    expect(trustedForwardedEntry("cc.example.test", 1)).toBe("cc.example.test");
    expect(trustedForwardedEntry("forged.example,  cc.example.test ", 1)).toBe("cc.example.test");
    expect(trustedForwardedEntry("forged.example, cdn.example, lb.example", 2)).toBe("cdn.example");
  });

  it("answers null with fewer entries than trusted proxies, or an empty entry", () => {
    expect(trustedForwardedEntry("cc.example.test", 2)).toBeNull();
    expect(trustedForwardedEntry("cc.example.test, ", 1)).toBeNull();
  });
});
