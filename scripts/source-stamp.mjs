// The source stamp: one sha256 over everything `next build` reads from this checkout, so
// `npm start` can tell whether the production build in .next/ still matches the sources.
// Hashed: every file (relative path and content) under the source folders, and the top-level
// files the build reads — configs, instrumentation.ts, package*.json, tsconfig.json, .env files.
// Walked in sorted order, so the same tree gives the same stamp on any machine.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCE_FOLDERS = ["app", "components", "lib", "prisma", "public"];
/** Never walked, at any depth: installed packages, build output, the data folder. */
const SKIPPED_FOLDERS = new Set(["node_modules", ".next", ".data", ".git"]);
/** Generated from prisma/schema.prisma, which is hashed itself. */
const SKIPPED_PATHS = new Set(["lib/db/generated"]);
/** Top level: scripts, configs and JSON files, and the .env files `next build` loads. */
const TOP_LEVEL_FILE = /^(?:[^.].*\.(?:[cm]?[jt]sx?|json)|\.env(?:\.production)?(?:\.local)?)$/;
/** Top-level files of the test and lint tools, and the file `next build` writes itself. */
const NOT_BUILD_INPUTS = new Set(["vitest.config.ts", "playwright.config.ts", "eslint.config.mjs", "next-env.d.ts"]);

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Appends to `out` the relative paths (with "/") of the files under `folder`, in sorted order. */
function walk(root, folder, out) {
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true }).sort(byName)) {
    const path = `${folder}/${entry.name}`;
    // A symbolic link counts as what it points to; a broken one is left out.
    const stats = entry.isSymbolicLink() ? statSync(join(root, path), { throwIfNoEntry: false }) : entry;
    if (stats?.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !SKIPPED_PATHS.has(path)) walk(root, path, out);
    } else if (stats?.isFile()) {
      out.push(path);
    }
  }
  return out;
}

/** The sha256 (hex) of the build inputs of the checkout at `root`. */
export function sourceStamp(root) {
  const topLevel = readdirSync(root, { withFileTypes: true })
    .sort(byName)
    .filter((entry) => entry.isFile() && TOP_LEVEL_FILE.test(entry.name) && !NOT_BUILD_INPUTS.has(entry.name))
    .map((entry) => entry.name);
  const files = [...topLevel];
  for (const folder of SOURCE_FOLDERS) {
    if (existsSync(join(root, folder))) walk(root, folder, files);
  }

  const hash = createHash("sha256");
  for (const path of files) {
    const content = readFileSync(join(root, path));
    // Path and length first, so no two different trees hash the same bytes.
    hash.update(`${path}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest("hex");
}
