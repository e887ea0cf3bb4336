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

// HOST, the interface to listen on. Unset, a server that allows private endpoint destinations
// (ALLOW_PRIVATE_ENDPOINTS, on by default in the embedded default: no DATABASE_URL) listens on
// 127.0.0.1 only, so nobody else can use it to reach this machine's network; otherwise on every
// interface (0.0.0.0). Same defaults as lib/config (docs/security.md#endpoint-urls).
function listenHost(env) {
  if (env.HOST) return { host: env.HOST, why: "set by HOST" };
  const flag = env.ALLOW_PRIVATE_ENDPOINTS;
  const allowPrivate = flag === "1" || flag === "true" ? true : flag === "0" || flag === "false" ? false : !env.DATABASE_URL;
  return allowPrivate
    ? { host: "127.0.0.1", why: "this machine only, since private endpoint destinations are allowed; set HOST=0.0.0.0 for every interface" }
    : { host: "0.0.0.0", why: "every interface; set HOST to choose one" };
}
const listen = listenHost(process.env);

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

const shownHost = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
console.log(`[control-center] listening on http://${shownHost}:${port} (${listen.why})`);
const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", port, "-H", listen.host], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
