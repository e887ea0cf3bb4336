import type { PGlite } from "@electric-sql/pglite";
import type { ClientBase } from "pg";
import type { SqlRunner } from "./migrate";

export function pgliteRunner(pg: PGlite): SqlRunner {
  return {
    exec: async (sql) => {
      await pg.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pg.query<T>(sql, params)).rows,
  };
}

export function pgRunner(client: ClientBase): SqlRunner {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
  };
}
