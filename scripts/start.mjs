// `npm start`: builds once when no production build exists, then serves it on $PORT (3000).
// `npm run dev`: the development server. Migrations, the demo seed and the printed
// sign-in happen inside the server at start (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
const port = process.env.PORT || "3000";
const dev = process.argv.includes("--dev");

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(join(root, "lib", "db", "generated", "client.ts"))) {
  run([join(root, "scripts", "prisma-generate.mjs")]);
}

if (!dev && !existsSync(join(root, ".next", "BUILD_ID"))) {
  console.log("[control-center] no production build yet: running `next build` (once)…");
  run([nextBin, "build"]);
}

const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
