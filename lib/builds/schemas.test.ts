import { describe, expect, it } from "vitest";
import { addDomainInput, buildConfigSchema, buildStatusInput, queueBuildInput } from "./schemas";

describe("buildStatusInput", () => {
  it("requires error_message for a failed build", () => {
    const result = buildStatusInput.safeParse({ status: "failed" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["error_message"] });
  });

  it("accepts artifacts only with succeeded", () => {
    const artifact = { platform: "macos", format: "vst3", file_name: "MyPlugin.vst3", file_size: 5242880, download_url: "https://x.example/a" };
    expect(buildStatusInput.safeParse({ status: "succeeded", artifacts: [artifact] }).success).toBe(true);
    expect(buildStatusInput.safeParse({ status: "started", artifacts: [artifact] }).error?.issues[0].path).toEqual(["artifacts"]);
  });

  it("refuses negative or fractional sizes and non-http URLs", () => {
    const base = { platform: "macos", format: "vst3", file_name: "a", download_url: "https://x.example/a" };
    for (const artifact of [
      { ...base, file_size: -1 },
      { ...base, file_size: 1.5 },
      { ...base, file_size: 1, download_url: "ftp://x.example/a" },
    ]) {
      expect(buildStatusInput.safeParse({ status: "succeeded", artifacts: [artifact] }).success).toBe(false);
    }
  });

  it("refuses queued and superseded as reported statuses", () => {
    expect(buildStatusInput.safeParse({ status: "queued" }).success).toBe(false);
    expect(buildStatusInput.safeParse({ status: "superseded" }).success).toBe(false);
  });
});

describe("buildConfigSchema", () => {
  it("takes the trigger-rules shape and defaults flags", () => {
    expect(buildConfigSchema.parse({ platforms: ["macos"], formats: ["vst3", "au"], release_type: "dev" })).toEqual({
      platforms: ["macos"],
      formats: ["vst3", "au"],
      release_type: "dev",
      flags: {},
    });
  });

  it("refuses uppercase names, unknown release types and non-boolean flags", () => {
    expect(buildConfigSchema.safeParse({ platforms: ["MacOS"], formats: [], release_type: "dev", flags: {} }).success).toBe(false);
    expect(buildConfigSchema.safeParse({ platforms: ["macos"], formats: [], release_type: "beta", flags: {} }).success).toBe(false);
    expect(buildConfigSchema.safeParse({ platforms: ["macos"], formats: [], release_type: "dev", flags: { a: "yes" } }).success).toBe(false);
  });
});

describe("queueBuildInput and addDomainInput", () => {
  it("defaults the release type to dev", () => {
    expect(queueBuildInput.parse({}).release_type).toBe("dev");
  });

  it("lowercases hostnames and refuses invalid ones", () => {
    expect(addDomainInput.parse({ hostname: "Plugin.Example.com" }).hostname).toBe("plugin.example.com");
    for (const hostname of ["localhost", "https://x.com", "-a.example.com", "a..b.com"]) {
      expect(addDomainInput.safeParse({ hostname }).success).toBe(false);
    }
  });
});
