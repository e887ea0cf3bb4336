// Drafts a migration: applies prisma/migrations to a scratch in-memory database,
// asks Prisma's schema engine (WebAssembly) what SQL reaches prisma/schema.prisma,
// and prints it — or, with `--create <name>`, writes it as a new migration folder.
// Read what it wrote: migrations are reviewed like code.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations, defaultMigrationsDir } from "../lib/db/migrate";
import { pgliteRunner } from "../lib/db/runners";
import { openSchemaEngine } from "../lib/db/schema-engine";

const nameIndex = process.argv.indexOf("--create");
const name = nameIndex >= 0 ? process.argv[nameIndex + 1] : undefined;
if (nameIndex >= 0 && !/^[a-z0-9_]+$/.test(name ?? "")) {
  console.error("usage: npm run db:diff [-- --create <snake_case_name>]");
  process.exit(2);
}

const pg = new PGlite();
await applyMigrations(pgliteRunner(pg));
const schemaPath = join(process.cwd(), "prisma", "schema.prisma");
const engine = await openSchemaEngine({ path: schemaPath, content: readFileSync(schemaPath, "utf8") }, pg);
const sql = await engine.diffDatabaseToSchema();

if (!sql) {
  console.log("Migrations and schema agree: nothing to write.");
} else if (!name) {
  console.log(sql);
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = join(defaultMigrationsDir(), `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), `${sql}\n`);
  console.log(`Wrote ${join(dir, "migration.sql")}`);
}
await pg.close();
