// The one Prisma client factory: PGlite (embedded default) or PostgreSQL (DATABASE_URL).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { PrismaClient } from "./generated/client";
import { applyMigrations } from "./migrate";
import { pgliteRunner, pgRunner } from "./runners";

export type Db = PrismaClient;
export type DbEngine = "pglite" | "postgresql";

export interface OpenedDatabase {
  db: Db;
  engine: DbEngine;
  close(): Promise<void>;
}

/** Opens (or creates) a PGlite database; `dir` undefined means in memory. Applies migrations. */
export async function openPglite(dir?: string): Promise<OpenedDatabase> {
  if (dir) mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  await applyMigrations(pgliteRunner(pglite));
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

/** Connects to PostgreSQL, applies migrations, and returns a pooled client. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<OpenedDatabase> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await applyMigrations(pgRunner(client));
  } finally {
    await client.end();
  }
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: options.max ?? 10 }) });
  return { db, engine: "postgresql", close: () => db.$disconnect() };
}

export function pgliteDir(dataDir: string): string {
  return join(dataDir, "pglite");
}
