// Operator configuration: every environment variable the app reads, parsed once with zod.
import { isAbsolute, join } from "node:path";
import { z } from "zod";
import { inngestConfigProblems } from "./inngest";

const flag = z
  .enum(["0", "1", "true", "false"])
  .transform((v) => v === "1" || v === "true")
  .optional();

const SHARED_SECRET_REQUIRED =
  "required when DATABASE_URL is set: set both APP_ENCRYPTION_KEY and AUTH_SECRET, the same on every instance " +
  "(never generated per instance). Make each with `openssl rand -base64 32`.";

const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  // Off for a connection pooler that cannot keep prepared statements (PgBouncer before 1.21 in
  // transaction mode): docs/PERFORMANCE.md#prepared-statements.
  DATABASE_PREPARED_STATEMENTS: flag,
  DATA_DIR: z.string().default(".data"),
  APP_ENCRYPTION_KEY: z.string().optional(),
  AUTH_SECRET: z.string().optional(),
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  ALLOW_HTTP_ENDPOINTS: flag,
  ALLOW_PRIVATE_ENDPOINTS: flag,
  DEMO_RUNNER: flag,
  SEED_DEMO: flag,
  SIGNATURE_HEADER_PREFIX: z.string().regex(/^[A-Za-z0-9-]+$/).default("X-Webhook-"),
  DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  // How many reverse proxies in front of the app append to X-Forwarded-For (docs/security.md#audit-log).
  TRUSTED_PROXIES: z
    .string()
    .regex(/^(?:[0-9]|10)$/, "an integer from 0 to 10")
    .default("0")
    .transform(Number),
  // Read by the inngest SDK itself; checked here so a half-configured engine refuses to start.
  INNGEST_DEV: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  INNGEST_ENABLE_UNAUTHED_SYNC: z.string().optional(),
  INNGEST_SERVE_ORIGIN: z.string().optional(),
}).superRefine((e, ctx) => {
  const inngest = {
    INNGEST_DEV: e.INNGEST_DEV,
    INNGEST_EVENT_KEY: e.INNGEST_EVENT_KEY,
    INNGEST_SIGNING_KEY: e.INNGEST_SIGNING_KEY,
    INNGEST_ENABLE_UNAUTHED_SYNC: e.INNGEST_ENABLE_UNAUTHED_SYNC,
    INNGEST_SERVE_ORIGIN: e.INNGEST_SERVE_ORIGIN,
  };
  for (const problem of inngestConfigProblems(inngest)) ctx.addIssue({ code: "custom", path: [problem.variable], message: problem.message });
  // Instances that share a database must share these keys: never generate them per instance.
  if (!e.DATABASE_URL) return;
  for (const name of ["APP_ENCRYPTION_KEY", "AUTH_SECRET"] as const) {
    if (!e[name]) ctx.addIssue({ code: "custom", path: [name], message: SHARED_SECRET_REQUIRED });
  }
});

export type AppConfig = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(emptyToUndefined(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  const dataDir = isAbsolute(e.DATA_DIR) ? e.DATA_DIR : join(/*turbopackIgnore: true*/ process.cwd(), e.DATA_DIR);
  return {
    embedded,
    databaseUrl: e.DATABASE_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS ?? true,
    dataDir,
    encryptionKey: e.APP_ENCRYPTION_KEY,
    authSecret: e.AUTH_SECRET,
    github: e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? { id: e.AUTH_GITHUB_ID, secret: e.AUTH_GITHUB_SECRET } : null,
    // Both default on in the embedded default, off with DATABASE_URL; an explicit value wins (docs/security.md#endpoint-urls).
    allowHttpEndpoints: e.ALLOW_HTTP_ENDPOINTS ?? embedded,
    allowPrivateEndpoints: e.ALLOW_PRIVATE_ENDPOINTS ?? embedded,
    demoRunner: e.DEMO_RUNNER ?? embedded,
    seedDemo: e.SEED_DEMO ?? embedded,
    signatureHeaderPrefix: e.SIGNATURE_HEADER_PREFIX,
    deliveryRetentionDays: e.DELIVERY_RETENTION_DAYS,
    logLevel: e.LOG_LEVEL,
    trustedProxies: e.TRUSTED_PROXIES,
  };
}

function emptyToUndefined(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === "" ? undefined : v]));
}

let cached: AppConfig | undefined;
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

export { inngestDevMode, inngestDevModeWarning, inngestEngineConfigured, inngestUnauthedSync } from "./inngest";
