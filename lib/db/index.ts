// Database access: the Prisma client factory (PGlite or PostgreSQL), the migrator,
// ids, and the demo seed. Domain modules receive a `Db` and never open their own.
import { config } from "@/lib/config";
import { openPglite, openPostgres, pgliteDir, type OpenedDatabase } from "./client";

export type { Db, DbEngine, OpenedDatabase } from "./client";
export { openPglite, openPostgres } from "./client";
export { newId } from "./ids";

// Kept on globalThis: Next.js bundles instrumentation and routes separately, and
// one process must never open the same PGlite folder twice.
const globalForDb = globalThis as unknown as { __controlCenterDb?: Promise<OpenedDatabase> };

/** The process-wide database, opened and migrated on first use. */
export function getDatabase(): Promise<OpenedDatabase> {
  globalForDb.__controlCenterDb ??= open().catch((error) => {
    globalForDb.__controlCenterDb = undefined;
    throw error;
  });
  return globalForDb.__controlCenterDb;
}

export async function getDb() {
  return (await getDatabase()).db;
}

function open(): Promise<OpenedDatabase> {
  const cfg = config();
  return cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : openPglite(pgliteDir(cfg.dataDir));
}

/** Tests: make route handlers and server code use this database. */
export function setDatabaseForTests(opened: OpenedDatabase) {
  globalForDb.__controlCenterDb = Promise.resolve(opened);
}
