import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./redirect";

const origin = "https://cc.example.com";

describe("safeCallbackPath", () => {
  it.each([
    ["/", "/"],
    ["/orgs/org_1", "/orgs/org_1"],
    ["/orgs/org_1/projects?tab=builds#latest", "/orgs/org_1/projects?tab=builds#latest"],
    ["/a/../orgs", "/orgs"],
    ["/@evil.com", "/@evil.com"],
    ["/%2F%2Fevil.com", "/%2F%2Fevil.com"],
  ])("keeps the path %j on this site", (target, expected) => {
    expect(safeCallbackPath(target)).toBe(expected);
    expect(safeCallbackPath(target, origin)).toBe(expected);
  });

  it.each([
    "//evil.com",
    "//evil.com/orgs",
    "///evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "\\/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    " /orgs",
    "/.//evil.com",
    "/..//evil.com",
    "https://evil.com",
    "https://evil.com/orgs",
    "http:evil.com",
    "https:/evil.com",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.com",
    "orgs/org_1",
    "",
    "https://cc.example.com.evil.com/orgs",
    "https://cc.example.com@evil.com/orgs",
    "http://cc.example.com/orgs",
  ])("refuses %j", (target) => {
    expect(safeCallbackPath(target)).toBe("/");
    expect(safeCallbackPath(target, origin)).toBe("/");
  });

  it("refuses anything that is not a string, and overlong values", () => {
    for (const value of [null, undefined, 42, ["/orgs"], { href: "/orgs" }]) expect(safeCallbackPath(value)).toBe("/");
    expect(safeCallbackPath(`/${"a".repeat(3000)}`)).toBe("/");
  });

  it("accepts an absolute URL only on exactly the given origin, as its path", () => {
    expect(safeCallbackPath("https://cc.example.com/orgs/org_1?x=1", origin)).toBe("/orgs/org_1?x=1");
    expect(safeCallbackPath("HTTPS://CC.EXAMPLE.COM/orgs", origin)).toBe("/orgs");
    expect(safeCallbackPath("https://cc.example.com:444/orgs", origin)).toBe("/");
    // Without an origin (the sign-in form) only paths are accepted.
    expect(safeCallbackPath("https://cc.example.com/orgs")).toBe("/");
  });
});
