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
  const db = new PrismaClient({ adapter: new PrismaPGlite(parsersKeptInTable(pglite)) });
  return {
    db,
    engine: "pglite",
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

type QueryOptions = NonNullable<Parameters<PGlite["query"]>[2]>;
type Queryable = Pick<PGlite, "query">;

/**
 * PGlite as the Prisma adapter uses it, without one cost per query: the adapter sends its own
 * parsers (two dozen types) with every query, and PGlite then copies its whole table of about
 * 300 parsers to merge them in, a third of a small query's time. Here they are written into
 * PGlite's own table (again whenever an entry differs), and each query goes without them.
 */
function parsersKeptInTable(pglite: PGlite): PGlite {
  const withoutParsers = (options?: QueryOptions): QueryOptions | undefined => {
    const given = options?.parsers;
    if (!given) return options;
    const table = pglite.parsers;
    for (const type in given) if (table[type] !== given[type]) table[type] = given[type];
    return { ...options, parsers: undefined };
  };
  const queryOf =
    (target: Queryable): Queryable["query"] =>
    (sql, params, options) =>
      target.query(sql, params, withoutParsers(options));
  const forward = <T extends object>(target: T, own: Partial<Record<keyof T, unknown>>) =>
    new Proxy(target, {
      get(t, prop) {
        if (Object.hasOwn(own, prop)) return own[prop as keyof T];
        const value: unknown = Reflect.get(t, prop);
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
  return forward(pglite, {
    query: queryOf(pglite),
    transaction: ((run) => pglite.transaction((tx) => run(forward(tx, { query: queryOf(tx) })))) satisfies PGlite["transaction"],
  });
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
