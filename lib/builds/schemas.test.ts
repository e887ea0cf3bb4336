import { describe, expect, it } from "vitest";
import { addDomainInput, buildConfigSchema, buildStatusInput, deploymentStatusInput, downloadTarget, queueBuildInput } from "./schemas";

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
  it("leaves the release type and flags unset, for the project's defaults to fill in", () => {
    expect(queueBuildInput.parse({})).toEqual({});
  });

  it("lowercases hostnames and refuses invalid ones with one message each", () => {
    expect(addDomainInput.parse({ hostname: " Plugin.Example.com " }).hostname).toBe("plugin.example.com");
    for (const hostname of ["localhost", "https://x.com", "-a.example.com", "a..b.com", "x.com:80", "10.0.0.1", "::1", "a.b/c", "user@x.com", "x.com."]) {
      const result = addDomainInput.safeParse({ hostname });
      expect(result.success, hostname).toBe(false);
      expect(result.error?.issues, hostname).toHaveLength(1);
    }
  });
});

describe("deploymentStatusInput", () => {
  it("takes an outcome with an optional https URL, trimmed", () => {
    expect(deploymentStatusInput.parse({ status: "succeeded", url: " https://myplugin.example.com/v2 " })).toEqual({ status: "succeeded", url: "https://myplugin.example.com/v2" });
    expect(deploymentStatusInput.parse({ status: "failed" })).toEqual({ status: "failed" });
    expect(deploymentStatusInput.parse({ status: "canceled", url: "https://localhost:8443/" }).url).toBe("https://localhost:8443/");
  });

  it("refuses URLs that are not https, have no host or carry credentials", () => {
    for (const url of ["http://a.example.com", "https:a.example.com", "ftp://a.example.com", "https://", "https://u:p@a.example.com", "//a.example.com", "a.example.com"]) {
      const result = deploymentStatusInput.safeParse({ status: "succeeded", url });
      expect(result.success, url).toBe(false);
      expect(result.error?.issues[0].path).toEqual(["url"]);
    }
  });

  it("keeps error_message for failures only, and refuses created and the British spelling", () => {
    expect(deploymentStatusInput.safeParse({ status: "succeeded", error_message: "x" }).error?.issues[0].path).toEqual(["error_message"]);
    expect(deploymentStatusInput.safeParse({ status: "created" }).success).toBe(false);
    expect(deploymentStatusInput.safeParse({ status: "cancelled" }).success).toBe(false);
  });
});

describe("downloadTarget", () => {
  it("names a platform or all", () => {
    for (const target of ["all", "macos", "windows", "linux-arm64"]) expect(downloadTarget.safeParse(target).success, target).toBe(true);
    for (const target of ["", "MacOS", "../all", "all/"]) expect(downloadTarget.safeParse(target).success, target).toBe(false);
  });
});
