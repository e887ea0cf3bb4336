import { describe, expect, it } from "vitest";
import { buildDefaultsOf } from "./projects";

describe("buildDefaultsOf", () => {
  it("reads the project's default release type and flags", () => {
    expect(buildDefaultsOf({ defaultReleaseType: "minor", defaultFlags: { enableActivationKeys: true, beta: false } })).toEqual({
      releaseType: "minor",
      flags: { enableActivationKeys: true, beta: false },
    });
  });

  it("reads values no request could have stored (a row edited by hand) as dev and skips non-boolean flags", () => {
    expect(buildDefaultsOf({ defaultReleaseType: "nightly", defaultFlags: { ok: true, text: "yes", nothing: null } })).toEqual({ releaseType: "dev", flags: { ok: true } });
    expect(buildDefaultsOf({ defaultReleaseType: "dev", defaultFlags: [true] })).toEqual({ releaseType: "dev", flags: {} });
    expect(buildDefaultsOf({ defaultReleaseType: "dev", defaultFlags: null })).toEqual({ releaseType: "dev", flags: {} });
  });
});

describe("buildDefaultsOf flag order", () => {
  it("lists the flags by name, whatever order the database kept them in", () => {
    expect(Object.keys(buildDefaultsOf({ defaultReleaseType: "dev", defaultFlags: { zeta: true, Beta: false, alpha: true } }).flags)).toEqual(["Beta", "alpha", "zeta"]);
  });
});
