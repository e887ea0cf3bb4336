import { describe, expect, it } from "vitest";
import { appOrigin } from "./origin";

const forged = new Headers({ host: "cc.example.test:3000", "x-forwarded-host": "169.254.169.254", "x-forwarded-proto": "https" });
const noAppUrl = {};

describe("appOrigin", () => {
  it("ignores X-Forwarded-Host and -Proto without a trusted proxy: the request's own Host and URL scheme", () => {
    expect(appOrigin(forged, "http://localhost:3000/api/v1/inboxes", noAppUrl, 0)).toBe("http://cc.example.test:3000");
    expect(appOrigin(forged, undefined, noAppUrl, 0)).toBe("http://cc.example.test:3000");
    expect(appOrigin(new Headers({ "x-forwarded-host": "169.254.169.254" }), "https://app.example.test/x", noAppUrl, 0)).toBe("https://app.example.test");
  });

  it("uses the forwarded host and scheme behind trusted proxies, the entry the outermost one wrote", () => {
    expect(appOrigin(forged, "http://localhost:3000/x", noAppUrl, 1)).toBe("https://169.254.169.254");
    const appended = new Headers({ host: "10.0.0.5", "x-forwarded-host": "evil.example, cc.example.test", "x-forwarded-proto": "http, https" });
    expect(appOrigin(appended, undefined, noAppUrl, 1)).toBe("https://cc.example.test");
    expect(appOrigin(appended, undefined, noAppUrl, 2)).toBe("http://evil.example");
    // Fewer entries than trusted proxies: not through all of them, so the Host header.
    expect(appOrigin(new Headers({ host: "10.0.0.5", "x-forwarded-host": "cc.example.test" }), undefined, noAppUrl, 2)).toBe("http://10.0.0.5");
  });

  it("prefers APP_URL to everything, and refuses an APP_URL that is not a URL", () => {
    expect(appOrigin(forged, "http://localhost:3000/x", { APP_URL: "https://app.example.test/base" }, 1)).toBe("https://app.example.test");
    expect(() => appOrigin(forged, undefined, { APP_URL: "app.example.test" }, 0)).toThrow("APP_URL is not a URL");
  });

  it("falls back to the request URL when the host is not a host name", () => {
    expect(appOrigin(new Headers({ host: "evil.example/path" }), "http://localhost:3000/x", noAppUrl, 0)).toBe("http://localhost:3000");
    expect(appOrigin(new Headers({ host: "a b" }), undefined, noAppUrl, 0)).toBe("http://localhost:3000");
  });
});
