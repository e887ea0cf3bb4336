import { Inngest } from "inngest";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./index";
import { inngestDevMode, inngestDevModeWarning, inngestEngineConfigured } from "./inngest";

const sdkMode = (value: string | undefined) => new Inngest({ id: "config-test" }).setEnvVars({ INNGEST_DEV: value }).mode;

describe("inngestDevMode", () => {
  it.each(["1", "true", "TRUE", " 1 ", "0", "false", "False", "", "undefined", "http://localhost:8288", "localhost:8288", "http://bad host"])(
    "agrees with the inngest SDK on INNGEST_DEV=%j",
    (value) => {
      expect(inngestDevMode({ INNGEST_DEV: value }).on).toBe(sdkMode(value) === "dev");
    },
  );

  it("reads 0/false as off, so INNGEST_DEV=0 alone keeps the embedded worker (deliveryEngine)", () => {
    expect(inngestEngineConfigured({ INNGEST_DEV: "0" })).toBe(false);
    expect(inngestEngineConfigured({ INNGEST_DEV: "false" })).toBe(false);
    expect(inngestEngineConfigured({ INNGEST_DEV: "1" })).toBe(true);
    expect(inngestEngineConfigured({ INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-prod-1" })).toBe(true);
  });

  it("gives the dev server's URL, adding http:// when it has no scheme", () => {
    expect(inngestDevMode({ INNGEST_DEV: "localhost:8288" })).toEqual({ on: true, devServerUrl: "http://localhost:8288/" });
    expect(inngestDevMode({ INNGEST_DEV: "true" })).toEqual({ on: true, devServerUrl: null });
  });
});

describe("the Inngest start-up check (loadConfig)", () => {
  it("refuses cloud mode without the signing key, naming it", () => {
    expect(() => loadConfig({ INNGEST_EVENT_KEY: "evt" })).toThrow(/INNGEST_SIGNING_KEY: required for the Inngest engine/);
  });

  it("refuses cloud mode without the event key, naming it", () => {
    expect(() => loadConfig({ INNGEST_SIGNING_KEY: "signkey-prod-1", INNGEST_DEV: "0" })).toThrow(/INNGEST_EVENT_KEY: required/);
  });

  it("accepts both keys, dev mode without keys, and no Inngest at all", () => {
    expect(() => loadConfig({ INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: "signkey-prod-1" })).not.toThrow();
    expect(() => loadConfig({ INNGEST_DEV: "1" })).not.toThrow();
    expect(() => loadConfig({ INNGEST_DEV: "http://localhost:8288" })).not.toThrow();
    expect(() => loadConfig({})).not.toThrow();
  });

  it("refuses a bare word the SDK would take for a dev server host", () => {
    expect(() => loadConfig({ INNGEST_DEV: "yes" })).toThrow(/INNGEST_DEV: use 1\/true/);
  });

  it("warns about dev mode only with NODE_ENV=production", () => {
    expect(inngestDevModeWarning({ INNGEST_DEV: "1", NODE_ENV: "production" })).toMatch(/INNGEST_DEV is on while NODE_ENV=production/);
    expect(inngestDevModeWarning({ INNGEST_DEV: "1", NODE_ENV: "development" })).toBeNull();
    expect(inngestDevModeWarning({ INNGEST_DEV: "0", NODE_ENV: "production" })).toBeNull();
  });
});
