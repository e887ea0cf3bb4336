import { describe, expect, it } from "vitest";
import { loadConfig } from "./index";

const keys = { APP_ENCRYPTION_KEY: "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1vayE=", AUTH_SECRET: "an-auth-secret" };
const postgres = { DATABASE_URL: "postgresql://user@db.example:5432/control_center", ...keys };

describe("loadConfig", () => {
  it("allows http:// and private endpoints by default in the embedded default (no DATABASE_URL)", () => {
    const cfg = loadConfig({});
    expect(cfg.embedded).toBe(true);
    expect(cfg.allowHttpEndpoints).toBe(true);
    expect(cfg.allowPrivateEndpoints).toBe(true);
  });

  it("disallows http:// and private endpoints by default with DATABASE_URL", () => {
    const cfg = loadConfig(postgres);
    expect(cfg.embedded).toBe(false);
    expect(cfg.databaseUrl).toBe(postgres.DATABASE_URL);
    expect(cfg.allowHttpEndpoints).toBe(false);
    expect(cfg.allowPrivateEndpoints).toBe(false);
  });

  it("lets an explicit 0/1/true/false win over the default", () => {
    expect(loadConfig({ ALLOW_HTTP_ENDPOINTS: "0", ALLOW_PRIVATE_ENDPOINTS: "false" })).toMatchObject({
      allowHttpEndpoints: false,
      allowPrivateEndpoints: false,
    });
    expect(loadConfig({ ...postgres, ALLOW_HTTP_ENDPOINTS: "1", ALLOW_PRIVATE_ENDPOINTS: "true" })).toMatchObject({
      allowHttpEndpoints: true,
      allowPrivateEndpoints: true,
    });
  });

  it("prepares statements unless DATABASE_PREPARED_STATEMENTS is off", () => {
    expect(loadConfig(postgres).databasePreparedStatements).toBe(true);
    expect(loadConfig({ ...postgres, DATABASE_PREPARED_STATEMENTS: "0" }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ ...postgres, DATABASE_PREPARED_STATEMENTS: "no" })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
  });

  it("treats empty variables as unset", () => {
    const cfg = loadConfig({ DATABASE_URL: "", ALLOW_HTTP_ENDPOINTS: "" });
    expect(cfg.embedded).toBe(true);
    expect(cfg.allowHttpEndpoints).toBe(true);
  });

  it("names the variable and the allowed values when a flag is invalid", () => {
    expect(() => loadConfig({ ALLOW_HTTP_ENDPOINTS: "yes" })).toThrow(/Invalid configuration:\n\s+ALLOW_HTTP_ENDPOINTS: .*"0"/);
  });

  it("lists every invalid variable at once", () => {
    let message = "";
    try {
      loadConfig({ DATABASE_URL: "not a url", ALLOW_PRIVATE_ENDPOINTS: "2", DELIVERY_RETENTION_DAYS: "0" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration:/);
    expect(message).toContain("DATABASE_URL:");
    expect(message).toContain("ALLOW_PRIVATE_ENDPOINTS:");
    expect(message).toContain("DELIVERY_RETENTION_DAYS:");
  });

  it("resolves a relative DATA_DIR against the working directory and keeps an absolute one", () => {
    expect(loadConfig({}).dataDir).toBe(`${process.cwd()}/.data`);
    expect(loadConfig({ DATA_DIR: "/srv/control-center" }).dataDir).toBe("/srv/control-center");
  });

  it("enables GitHub sign-in only when both the id and the secret are set", () => {
    expect(loadConfig({ AUTH_GITHUB_ID: "id" }).github).toBeNull();
    expect(loadConfig({ AUTH_GITHUB_ID: "id", AUTH_GITHUB_SECRET: "secret" }).github).toEqual({ id: "id", secret: "secret" });
  });

  it("requires APP_ENCRYPTION_KEY and AUTH_SECRET with DATABASE_URL, naming both and how to make a key", () => {
    const { DATABASE_URL } = postgres;
    const messageOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    };
    const neither = messageOf({ DATABASE_URL });
    expect(neither).toMatch(/^Invalid configuration:/);
    expect(neither).toMatch(/^\s+APP_ENCRYPTION_KEY: required when DATABASE_URL is set/m);
    expect(neither).toMatch(/^\s+AUTH_SECRET: required when DATABASE_URL is set/m);
    expect(neither).toContain("openssl rand -base64 32");
    expect(messageOf({ DATABASE_URL, APP_ENCRYPTION_KEY: keys.APP_ENCRYPTION_KEY })).toMatch(/^\s+AUTH_SECRET: .*APP_ENCRYPTION_KEY and AUTH_SECRET/m);
    expect(messageOf({ DATABASE_URL, AUTH_SECRET: keys.AUTH_SECRET, APP_ENCRYPTION_KEY: "" })).toMatch(/^\s+APP_ENCRYPTION_KEY: required/m);
    expect(messageOf({ DATABASE_URL, ...keys })).toBe("");
  });

  it("lets both secrets stay unset in the embedded default (they are generated into DATA_DIR)", () => {
    expect(loadConfig({})).toMatchObject({ embedded: true, encryptionKey: undefined, authSecret: undefined });
  });

  it("reads TRUSTED_PROXIES as an integer from 0 to 10, 0 by default", () => {
    expect(loadConfig({}).trustedProxies).toBe(0);
    expect(loadConfig({ TRUSTED_PROXIES: "" }).trustedProxies).toBe(0);
    expect(loadConfig({ TRUSTED_PROXIES: "2" }).trustedProxies).toBe(2);
    expect(loadConfig({ TRUSTED_PROXIES: "10" }).trustedProxies).toBe(10);
    for (const bad of ["-1", "11", "1.5", "one", "0x2"]) {
      expect(() => loadConfig({ TRUSTED_PROXIES: bad }), bad).toThrow(/TRUSTED_PROXIES:/);
    }
  });
});
