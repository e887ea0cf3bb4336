// The one Prisma client factory: PGlite (embedded default) or PostgreSQL (DATABASE_URL).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";
import { openPgliteThread } from "./pglite-thread";
import { pgliteRunner, pgRunner } from "./runners";

export type Db = PrismaClient;
export type DbEngine = "pglite" | "postgresql";

export interface OpenedDatabase {
  db: Db;
  engine: DbEngine;
  close(): Promise<void>;
}

/** Opens (or creates) a PGlite database on a thread of its own; `dir` undefined means in memory. Applies migrations. */
export async function openPglite(dir?: string): Promise<OpenedDatabase> {
  if (dir) mkdirSync(dir, { recursive: true });
  const pglite = await openPgliteThread(dir);
  try {
    await applyMigrations(pgliteRunner(pglite));
  } catch (error) {
    await pglite.close();
    throw error;
  }
  const db = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    db,
    engine: "pglite",
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

/**
 * Connects to PostgreSQL, applies migrations, and returns a pooled client. Statements are
 * prepared once per connection (`preparedStatements`, on unless set false): PostgreSQL then
 * skips parsing them, and plans them once when a generic plan is as good, which halves its CPU
 * per statement on the hot paths (docs/PERFORMANCE.md#prepared-statements).
 */
export async function openPostgres(url: string, options: { max?: number; preparedStatements?: boolean } = {}): Promise<OpenedDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await applyMigrations(pgRunner(client));
  } finally {
    await client.end();
  }
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10 }, options.preparedStatements === false ? {} : { statementNameGenerator: statementNames() });
  const db = new PrismaClient({ adapter });
  return { db, engine: "postgresql", close: () => db.$disconnect() };
}

/**
 * At most this many distinct statements are prepared on each connection (a statement's text is
 * its identity; the app has about a hundred); any other runs unnamed, as without preparing, so a
 * query whose text varies cannot fill the server's memory.
 */
const PREPARED_STATEMENTS = 256;

/** The name of each statement's text, the same on every connection of the pool: "" runs it unnamed. */
function statementNames() {
  const names = new Map<string, string>();
  return ({ sql }: { sql: string }) => {
    let name = names.get(sql);
    if (name === undefined) {
      if (names.size >= PREPARED_STATEMENTS) return "";
      name = `cc${names.size}`;
      names.set(sql, name);
    }
    return name;
  };
}

export function pgliteDir(dataDir: string): string {
  return join(dataDir, "pglite");
}
