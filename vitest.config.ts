// Vitest: unit tests beside lib/ modules, integration tests under tests/.
// The integration suite runs once on in-memory PGlite ("pglite", always) and again on
// PostgreSQL ("postgres") when TEST_DATABASE_URL is set; each test file gets its own database.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
// Modules marked `import "server-only"` load in tests as they do on the server.
const alias = { "@": root, "server-only": join(root, "node_modules/server-only/empty.js") };
const postgresUrl = process.env.TEST_DATABASE_URL;

if (!postgresUrl) {
  console.log("[vitest] TEST_DATABASE_URL is not set: the PostgreSQL suite is skipped (PGlite only).");
}

// Fixed secrets so nothing is generated, and a fresh data folder per project and run
// (created and removed by tests/helpers/global-setup.ts), so tests never write into .data/.
function testEnv(engine: "pglite" | "postgres"): Record<string, string> {
  return {
    DATA_DIR: join(tmpdir(), `control-center-test-${engine}-${randomBytes(6).toString("hex")}`),
    // base64 of the 32 bytes "test-encryption-key-32-bytes-ok!"
    APP_ENCRYPTION_KEY: "dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy1vayE=",
    AUTH_SECRET: "test-auth-secret-not-for-production",
    // The app's own database selection stays out of it: tests hand route handlers their database.
    DATABASE_URL: "",
    TEST_DB_ENGINE: engine,
    // Rate limits count in each test file's own database. A shared Redis would carry counts
    // across files, projects and runs (windows last up to an hour); the Redis store's own test
    // reaches it through TEST_REDIS_URL.
    REDIS_URL: "",
    TEST_REDIS_URL: process.env.REDIS_URL ?? "",
    LOG_LEVEL: "silent",
  };
}

function project(
  name: "pglite" | "postgres",
  files: { include: string[]; exclude?: string[] },
  extraEnv: Record<string, string> = {},
): TestProjectInlineConfiguration {
  return {
    resolve: { alias },
    test: {
      name,
      include: files.include,
      exclude: ["e2e/**", "node_modules/**", ".next/**", ...(files.exclude ?? [])],
      environment: "node",
      testTimeout: 30_000,
      hookTimeout: 60_000,
      globalSetup: ["tests/helpers/global-setup.ts"],
      env: { ...testEnv(name), ...extraEnv },
    },
  };
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      // Unit tests and the whole integration suite; *.postgres.test.ts need a server.
      project("pglite", { include: ["lib/**/*.test.ts", "tests/**/*.test.ts"], exclude: ["tests/**/*.postgres.test.ts"] }),
      // The integration suite again on PostgreSQL. The schema-engine drift test always runs on
      // PGlite, so it stays in the pglite project (drift.postgres.test.ts covers this engine), as
      // do *.pglite.test.ts, about PGlite itself.
      ...(postgresUrl
        ? [
            project(
              "postgres",
              { include: ["tests/**/*.test.ts"], exclude: ["tests/db/drift.test.ts", "tests/**/*.pglite.test.ts"] },
              { TEST_DATABASE_URL: postgresUrl },
            ),
          ]
        : []),
    ],
  },
});
