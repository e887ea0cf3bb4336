// The migrator applies prisma/migrations and records them in `_prisma_migrations`
// exactly as `prisma migrate deploy` does. Runs on the test engine (PGlite or PostgreSQL).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, MigrationError, readMigrations, type Migration } from "@/lib/db/migrate";
import { createEmptyDatabase } from "../helpers/db";

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
};

let database: Awaited<ReturnType<typeof createEmptyDatabase>> | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

async function emptyDatabase() {
  database = await createEmptyDatabase();
  return database.runner;
}

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
}

const recordedRows = (runner: Awaited<ReturnType<typeof emptyDatabase>>) =>
  runner.query<MigrationRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs
     FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );

describe("readMigrations", () => {
  it("reads every migration folder in name order with the sha256 of its migration.sql", () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
    const first = migrations[0];
    const sql = readFileSync(join(process.cwd(), "prisma", "migrations", first.name, "migration.sql"), "utf8");
    expect(first.sql).toBe(sql);
    expect(first.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
  });

  it("throws a MigrationError naming a missing folder", () => {
    expect(() => readMigrations("/nonexistent/migrations")).toThrow(MigrationError);
    expect(() => readMigrations("/nonexistent/migrations")).toThrow("/nonexistent/migrations");
  });
});

describe("applyMigrations", () => {
  it("records each migration like prisma migrate deploy: checksum, finished_at, one applied step", async () => {
    const runner = await emptyDatabase();
    const migrations = readMigrations();
    const applied = await applyMigrations(runner);
    expect(applied).toEqual(migrations.map((m) => m.name));

    const rows = await recordedRows(runner);
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(migrations[i].checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await runner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'Project'`,
    );
    expect(tables).toHaveLength(1);
  });

  it("applies nothing when run a second time", async () => {
    const runner = await emptyDatabase();
    await applyMigrations(runner);
    const before = await recordedRows(runner);
    expect(await applyMigrations(runner)).toEqual([]);
    expect(await recordedRows(runner)).toEqual(before);
  });

  it("applies only the migrations that are new", async () => {
    const runner = await emptyDatabase();
    const first = migration("20260101000000_first", `CREATE TABLE "First" ("id" TEXT PRIMARY KEY);`);
    const second = migration("20260102000000_second", `ALTER TABLE "First" ADD COLUMN "note" TEXT;`);
    expect(await applyMigrations(runner, [first])).toEqual([first.name]);
    expect(await applyMigrations(runner, [first, second])).toEqual([second.name]);
    const columns = await runner.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'First' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(["id", "note"]);
  });

  it("rolls back a failing migration, records it with rolled_back_at and logs, and throws MigrationError", async () => {
    const runner = await emptyDatabase();
    const good = migration("20260101000000_good", `CREATE TABLE "Good" ("id" TEXT PRIMARY KEY);`);
    const bad = migration(
      "20260102000000_bad",
      `CREATE TABLE "HalfDone" ("id" TEXT PRIMARY KEY);\nALTER TABLE "DoesNotExist" ADD COLUMN "x" TEXT;`,
    );

    const failure = await applyMigrations(runner, [good, bad]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toContain("20260102000000_bad");
    expect((failure as Error).message).toContain("DoesNotExist");

    const rows = await recordedRows(runner);
    const goodRow = rows.find((r) => r.migration_name === good.name);
    const badRow = rows.find((r) => r.migration_name === bad.name);
    expect(goodRow?.finished_at).toBeInstanceOf(Date);
    expect(badRow?.rolled_back_at).toBeInstanceOf(Date);
    expect(badRow?.finished_at).toBeNull();
    expect(badRow?.applied_steps_count).toBe(0);
    expect(badRow?.logs).toContain("DoesNotExist");

    // The failing migration's first statement was rolled back with it.
    const tables = await runner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('Good', 'HalfDone')`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["Good"]);
  });

  it("retries a rolled-back migration once it is fixed", async () => {
    const runner = await emptyDatabase();
    const name = "20260101000000_retry";
    await expect(applyMigrations(runner, [migration(name, `SELECT * FROM "Missing";`)])).rejects.toThrow(MigrationError);
    expect(await applyMigrations(runner, [migration(name, `CREATE TABLE "Fixed" ("id" TEXT PRIMARY KEY);`)])).toEqual([name]);
    const rows = await recordedRows(runner);
    expect(rows.map((r) => [r.migration_name, r.rolled_back_at === null, r.finished_at === null])).toEqual([
      [name, false, true],
      [name, true, false],
    ]);
  });

  it("refuses to run while a migration is recorded as started but not finished", async () => {
    const runner = await emptyDatabase();
    await applyMigrations(runner, [migration("20260101000000_ok", `SELECT 1;`)]);
    await runner.query(`UPDATE "_prisma_migrations" SET finished_at = NULL`);
    await expect(applyMigrations(runner, [])).rejects.toThrow(/20260101000000_ok started but did not finish/);
  });
});
