// The server the browser suite runs against: a fresh production build (skip with
// E2E_SKIP_BUILD=1) served on $PORT with an empty data folder $DATA_DIR.
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
if (!process.env.DATA_DIR || !process.env.PORT) throw new Error("e2e-server needs DATA_DIR and PORT");

rmSync(process.env.DATA_DIR, { recursive: true, force: true });
if (process.env.E2E_SKIP_BUILD !== "1") {
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawn(process.execPath, [nextBin, "start", "-p", process.env.PORT, "-H", "127.0.0.1"], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
