// Database access: the Prisma client factory (PGlite or PostgreSQL), the migrator and ids.
// Domain modules receive a `Db` (or a `Tx` inside a transaction) and never open their own.
import "server-only";
import { config } from "@/lib/config";
import { processSingleton, setProcessSingleton } from "@/lib/config/singleton";
import type { Prisma } from "./generated/client";
import { openPglite, openPostgres, pgliteDir, type Db, type OpenedDatabase } from "./client";

export type { Db, OpenedDatabase } from "./client";
export { openPglite, openPostgres } from "./client";
export { isDatabaseUnavailable, isInvalidTextError, isUniqueViolation } from "./errors";
export { isPublicId, newId } from "./ids";
export { always, jsonColumn, writeTogether, writesAsCtes } from "./statements";

/** The database or an open transaction: functions that write inside a caller's transaction take one. */
export type Tx = Db | Prisma.TransactionClient;

// One process must never open the same PGlite folder twice.
const DATABASE = "database";

/** The process-wide database, opened and migrated on first use. */
export function getDatabase(): Promise<OpenedDatabase> {
  return processSingleton(DATABASE, () =>
    open().catch((error) => {
      setProcessSingleton(DATABASE, undefined);
      throw error;
    }),
  );
}

export async function getDb() {
  return (await getDatabase()).db;
}

function open(): Promise<OpenedDatabase> {
  const cfg = config();
  return cfg.databaseUrl ? openPostgres(cfg.databaseUrl, { preparedStatements: cfg.databasePreparedStatements }) : openPglite(pgliteDir(cfg.dataDir));
}

/** Tests: make route handlers and server code use this database. */
export function setDatabaseForTests(opened: OpenedDatabase) {
  setProcessSingleton(DATABASE, Promise.resolve(opened));
}
