// Secrets the embedded default generates on first start and keeps in its data
// folder, so a fresh clone needs no setup. With DATABASE_URL, operators must set the env vars.
import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { config } from "./index";

type LocalSecrets = { encryptionKey: string; authSecret: string };

function readOrCreate(dataDir: string): LocalSecrets {
  const file = join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    encryptionKey: randomBytes(32).toString("base64"),
    authSecret: randomBytes(32).toString("base64url"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: "wx" });
  return secrets;
}

let cached: LocalSecrets | undefined;
function local(): LocalSecrets {
  // With DATABASE_URL, loadConfig already refuses to start without both variables: instances
  // sharing a database must share the keys, so they are never generated per instance.
  if (!config().embedded) throw new Error("APP_ENCRYPTION_KEY and AUTH_SECRET must be set when DATABASE_URL is set.");
  cached ??= readOrCreate(config().dataDir);
  return cached;
}

/** Base64 of the 32-byte AES-256-GCM key for secrets at rest. */
export function encryptionKey(): string {
  return config().encryptionKey ?? local().encryptionKey;
}

export function authSecret(): string {
  return config().authSecret ?? local().authSecret;
}
