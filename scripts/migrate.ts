// `npm run db:migrate`: applies pending migrations to the configured database
// (DATABASE_URL, or the embedded PGlite under DATA_DIR).
import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { config } from "../lib/config";
import { pgliteDir } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { pgliteRunner, pgRunner } from "../lib/db/runners";

const cfg = config();
let applied: string[];
if (cfg.databaseUrl) {
  const client = new pg.Client({ connectionString: cfg.databaseUrl });
  await client.connect();
  applied = await applyMigrations(pgRunner(client)).finally(() => client.end());
} else {
  mkdirSync(pgliteDir(cfg.dataDir), { recursive: true });
  const db = await PGlite.create(pgliteDir(cfg.dataDir));
  applied = await applyMigrations(pgliteRunner(db)).finally(() => db.close());
}
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
