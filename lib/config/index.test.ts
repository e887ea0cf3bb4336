import { describe, expect, it } from "vitest";
import { loadConfig } from "./index";

const postgres = { DATABASE_URL: "postgresql://user@db.example:5432/control_center" };

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
});
