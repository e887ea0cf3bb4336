// The schema engine checks the migrations on PGlite (drift.test.ts). This file closes the
// loop on PostgreSQL: the same migrations must build the same catalog there, so the
// PostgreSQL database equals the Prisma schema too. Runs only in the "postgres" project.
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, type SqlRunner } from "@/lib/db/migrate";
import { pgliteRunner } from "@/lib/db/runners";
import { createEmptyDatabase } from "../helpers/db";

type Catalog = Awaited<ReturnType<typeof catalog>>;

async function catalog(db: SqlRunner) {
  const columns = await db.query<Record<string, unknown>>(`
    SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default,
           character_maximum_length, numeric_precision, datetime_precision
    FROM information_schema.columns WHERE table_schema = 'public'
    ORDER BY table_name, column_name`);
  const indexes = await db.query<Record<string, unknown>>(`
    SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
    ORDER BY tablename, indexname`);
  const constraints = await db.query<Record<string, unknown>>(`
    SELECT conrelid::regclass::text AS table_name, conname, contype::text AS type, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint
    -- Only keys, uniques, checks and foreign keys: PostgreSQL 18 (PGlite) also lists NOT NULL
    -- as constraints, which the column comparison covers.
    WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f', 'c', 'x')
    ORDER BY 1, 2`);
  const enums = await db.query<Record<string, unknown>>(`
    SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname ORDER BY t.typname`);
  return { columns, indexes, constraints, enums };
}

let postgres: Awaited<ReturnType<typeof createEmptyDatabase>>;
let pglite: PGlite;
let onPostgres: Catalog;
let onPglite: Catalog;

beforeAll(async () => {
  postgres = await createEmptyDatabase();
  pglite = await PGlite.create();
  await applyMigrations(postgres.runner);
  await applyMigrations(pgliteRunner(pglite));
  onPostgres = await catalog(postgres.runner);
  onPglite = await catalog(pgliteRunner(pglite));
});

afterAll(async () => {
  await postgres?.close();
  await pglite?.close();
});

describe("migrations on PostgreSQL", () => {
  it("builds every table and column with the same types, nullability and defaults as on PGlite", () => {
    expect(onPostgres.columns.length).toBeGreaterThan(100);
    expect(onPostgres.columns).toEqual(onPglite.columns);
  });

  it("builds the same indexes as on PGlite", () => {
    expect(onPostgres.indexes.map((i) => i.indexname)).toContain("Project_organizationId_slug_key");
    expect(onPostgres.indexes).toEqual(onPglite.indexes);
  });

  it("builds the same primary keys, uniques and foreign keys as on PGlite", () => {
    expect(onPostgres.constraints.filter((c) => c.type === "f").length).toBeGreaterThan(10);
    expect(onPostgres.constraints).toEqual(onPglite.constraints);
  });

  it("builds the same enums as on PGlite", () => {
    expect(onPostgres.enums).toContainEqual({ typname: "Role", labels: "owner,admin,developer,viewer" });
    expect(onPostgres.enums).toEqual(onPglite.enums);
  });
});
