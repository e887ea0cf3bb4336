// `npm start`: serves what is checked out, as a production build on $PORT (3000).
// It runs `next build` first when there is no build yet, or when the sources changed since the
// last one: each successful build records the source stamp (scripts/source-stamp.mjs, a hash of
// everything the build reads) in .next/source-stamp, and a different stamp now means a rebuild.
// A build made some other way (`npm run build`) has no stamp, so it is rebuilt once too.
// `npm run dev`: the development server. Migrations, the demo seed and the printed
// sign-in happen inside the server at start (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceStamp } from "./source-stamp.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
const stampFile = join(root, ".next", "source-stamp");
const port = process.env.PORT || "3000";
const dev = process.argv.includes("--dev");

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Why the production build must be (re)made before serving, or null when it is current. */
function rebuildReason(stamp) {
  if (!existsSync(join(root, ".next", "BUILD_ID"))) return "no production build yet";
  if (!existsSync(stampFile)) return "the build in .next/ has no source stamp (not made by `npm start`)";
  if (readFileSync(stampFile, "utf8").trim() !== stamp) return "sources changed since the last build";
  return null;
}

if (!existsSync(join(root, "lib", "db", "generated", "client.ts"))) {
  run([join(root, "scripts", "prisma-generate.mjs")]);
}

if (!dev) {
  // Taken before the build: sources edited while it runs make the next start rebuild again.
  const stamp = sourceStamp(root);
  const reason = rebuildReason(stamp);
  if (reason) {
    console.log(`[control-center] ${reason}: running \`next build\`…`);
    // The Prisma client is generated from prisma/schema.prisma, which may have changed too.
    run([join(root, "scripts", "prisma-generate.mjs")]);
    run([nextBin, "build"]); // exits on failure, so a failed build records no stamp
    writeFileSync(stampFile, `${stamp}\n`);
  }
}

const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
