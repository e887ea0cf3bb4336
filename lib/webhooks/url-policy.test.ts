import { describe, expect, it } from "vitest";
import { endpointUrlProblem, isPrivateAddress } from "./url-policy";

const strict = { allowHttp: false, allowPrivate: false };
const open = { allowHttp: true, allowPrivate: true };

describe("endpoint URL policy", () => {
  it("accepts public https URLs", () => {
    expect(endpointUrlProblem("https://hooks.example.com/builds?x=1", strict)).toBeNull();
  });

  it("refuses plain http unless allowed, and says how to allow it", () => {
    expect(endpointUrlProblem("http://hooks.example.com", strict)).toContain("ALLOW_HTTP_ENDPOINTS=1");
    expect(endpointUrlProblem("http://hooks.example.com", { ...strict, allowHttp: true })).toBeNull();
  });

  it("refuses other schemes, garbage and credentials in the URL", () => {
    expect(endpointUrlProblem("ftp://example.com", open)).toBe("Use an https:// URL.");
    expect(endpointUrlProblem("not a url", open)).toContain("Not a valid URL");
    expect(endpointUrlProblem("https://user:pass@example.com", open)).toContain("Remove the credentials");
  });

  it("refuses private, loopback, link-local and metadata destinations unless allowed", () => {
    for (const url of [
      "https://127.0.0.1/x",
      "https://localhost:8443",
      "https://10.1.2.3",
      "https://172.20.0.1",
      "https://192.168.1.10",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/",
      "https://[fe80::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://db.internal/",
    ]) {
      expect(endpointUrlProblem(url, strict), url).toContain("ALLOW_PRIVATE_ENDPOINTS=1");
      expect(endpointUrlProblem(url, open), url).toBeNull();
    }
  });

  it("classifies addresses", () => {
    expect(isPrivateAddress("8.8.8.8")).toBe(false);
    expect(isPrivateAddress("2606:4700::1111")).toBe(false);
    expect(isPrivateAddress("100.64.0.1")).toBe(true);
    expect(isPrivateAddress("0.0.0.0")).toBe(true);
    expect(isPrivateAddress("fd12:3456::1")).toBe(true);
  });
});
