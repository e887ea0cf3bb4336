// The one Prisma client factory: PGlite (embedded default) or PostgreSQL (DATABASE_URL).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { messages, parse, PGlite, protocol } from "@electric-sql/pglite";
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
  const db = new PrismaClient({ adapter: new PrismaPGlite(preparedPglite(pglite)) });
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
type Results = Awaited<ReturnType<PGlite["query"]>>;

/** Statements kept prepared per PGlite database; beyond, a new statement is parsed each time it runs. */
const PGLITE_PREPARED_STATEMENTS = 500;

/**
 * PGlite as the Prisma adapter uses it, with two costs per query taken out:
 * - Each distinct statement is prepared once (a named statement, as on PostgreSQL: see
 *   openPostgres). PGlite's own query() parses and plans every statement again, which was more
 *   than half of the time of a statement like publishing's. Statements run as PGlite's
 *   query() runs them (bind, describe, execute, sync, inside its locks), with its serializers
 *   and result parser.
 * - The adapter sends its own parsers (two dozen types) with every query, and PGlite then
 *   copies its whole table of about 300 parsers to merge them in, a third of a small query's
 *   time. Here they are written into PGlite's own table (again whenever an entry differs), and
 *   each query goes without them.
 */
function preparedPglite(pglite: PGlite): PGlite {
  const withoutParsers = (options?: QueryOptions): QueryOptions | undefined => {
    const given = options?.parsers;
    if (!given) return options;
    const table = pglite.parsers;
    for (const type in given) if (table[type] !== given[type]) table[type] = given[type];
    return { ...options, parsers: undefined };
  };
  const { serialize } = protocol;
  const send = (message: Uint8Array) => pglite.execProtocolStream(message, { syncToFs: false });
  const prepared = new Map<string, { name: string; paramTypes: number[] }>();

  async function statementFor(sql: string, options?: QueryOptions) {
    const key = options?.paramTypes ? `${options.paramTypes.join(",")}\n${sql}` : sql;
    const known = prepared.get(key);
    if (known) return known;
    const name = prepared.size < PGLITE_PREPARED_STATEMENTS ? `cc_${prepared.size}` : "";
    await send(serialize.parse({ name, text: sql, types: options?.paramTypes }));
    const description = (await send(serialize.describe({ type: "S", name }))).find((m) => m.name === "parameterDescription");
    const statement = { name, paramTypes: description instanceof messages.ParameterDescriptionMessage ? description.dataTypeIDs : [] };
    if (name) prepared.set(key, statement);
    return statement;
  }

  // What PGlite's query() does, with the statement prepared once. `inTransaction`: the caller
  // holds PGlite's transaction lock (a query of a transaction), so nothing is synced to disk yet.
  const run = (sql: string, params: unknown[] = [], options: QueryOptions | undefined, inTransaction: boolean): Promise<Results> =>
    pglite.runExclusive(async () => {
      const received: messages.BackendMessage[] = [];
      try {
        const { name, paramTypes } = await statementFor(sql, options);
        const values = params.map((value, i) => {
          if (value === null || value === undefined) return null;
          const serializer = options?.serializers?.[paramTypes[i]] ?? pglite.serializers[paramTypes[i]];
          return serializer ? serializer(value) : String(value);
        });
        received.push(...(await send(serialize.bind({ statement: name, values }))));
        received.push(...(await send(serialize.describe({ type: "P" }))));
        received.push(...(await send(serialize.execute({}))));
      } catch (error) {
        // As PGlite's own query() reports a failed statement.
        if (error instanceof messages.DatabaseError) Object.assign(error, { query: sql, params, queryOptions: options });
        throw error;
      } finally {
        received.push(...(await send(serialize.sync())));
      }
      if (!inTransaction) await pglite.syncToFs();
      return parse.parseResults(received, pglite.parsers, options)[0];
    });

  // A query outside a transaction waits for any open one, as PGlite's query() does. That lock is
  // not part of PGlite's typed API (0.5.16 is pinned); openPglite fails at once without it, and
  // tests/db/prepared-statements.pglite.test.ts fails if it stops keeping queries apart.
  const exclusive = (pglite as unknown as { _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> })._runExclusiveTransaction.bind(pglite);
  const forward = <T extends object>(target: T, own: Partial<Record<keyof T, unknown>>) =>
    new Proxy(target, {
      get(t, prop) {
        if (Object.hasOwn(own, prop)) return own[prop as keyof T];
        const value: unknown = Reflect.get(t, prop);
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
  return forward(pglite, {
    query: ((sql, params, options) => exclusive(() => run(sql, params, withoutParsers(options), false))) as Queryable["query"],
    transaction: ((body) =>
      pglite.transaction((tx) =>
        body(
          forward(tx, {
            query: ((sql, params, options) => {
              if (tx.closed) throw new Error("Transaction is closed");
              return run(sql, params, withoutParsers(options), true);
            }) as Queryable["query"],
          }),
        ),
      )) satisfies PGlite["transaction"],
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
