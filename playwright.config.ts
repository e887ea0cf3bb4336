import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

// One production server for the whole run, on a fresh data folder (see scripts/e2e-server.mjs).
const port = Number(process.env.E2E_PORT ?? 3210);
export const e2eDataDir = join(tmpdir(), `control-center-e2e-${port}`);
process.env.E2E_DATA_DIR = e2eDataDir;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI
    ? [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]]
    : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    // A fresh data folder per run, and rate limits counted in it (not in a Redis shared by runs).
    env: { PORT: String(port), DATA_DIR: e2eDataDir, REDIS_URL: "" },
  },
});
