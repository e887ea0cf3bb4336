// The hand-written migrations must build exactly the database prisma/schema.prisma describes.
// Prisma's own schema engine (WebAssembly) compares them: tables, columns, types, nullability,
// defaults, uniques, indexes, foreign keys, enums. The engine runs on PGlite; on PostgreSQL,
// drift.postgres.test.ts checks that the same migrations build the same catalog there.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrate";
import { pgliteRunner } from "@/lib/db/runners";
import { openSchemaEngine } from "@/lib/db/schema-engine";

const schemaPath = join(process.cwd(), "prisma", "schema.prisma");
const schema = { path: schemaPath, content: readFileSync(schemaPath, "utf8") };

let pglite: PGlite | undefined;
afterEach(async () => {
  await pglite?.close();
  pglite = undefined;
});

async function migratedPglite() {
  pglite = await PGlite.create();
  await applyMigrations(pgliteRunner(pglite));
  return pglite;
}

describe("migrations vs prisma/schema.prisma", () => {
  it("leaves no difference between the migrated database and the Prisma schema", async () => {
    const engine = await openSchemaEngine(schema, await migratedPglite());
    expect(await engine.diffDatabaseToSchema()).toBe("");
  });

  it("reports a dropped column and a dropped index as drift", async () => {
    const db = await migratedPglite();
    await db.exec(`ALTER TABLE "Project" DROP COLUMN "description"`);
    await db.exec(`DROP INDEX "ApiKey_organizationId_createdAt_idx"`);
    const diff = await (await openSchemaEngine(schema, db)).diffDatabaseToSchema();
    expect(diff).toContain(`"description"`);
    expect(diff).toMatch(/ALTER TABLE "Project" ADD COLUMN\s+"description" TEXT/);
    expect(diff).toContain(`CREATE INDEX "ApiKey_organizationId_createdAt_idx"`);
  });

  it("reports a dropped foreign key, a changed default, a loosened NOT NULL, a dropped unique and a changed type", async () => {
    const db = await migratedPglite();
    await db.exec(`
      ALTER TABLE "Membership" DROP CONSTRAINT "Membership_userId_fkey";
      ALTER TABLE "Project" ALTER COLUMN "defaultBranch" SET DEFAULT 'master';
      ALTER TABLE "User" ALTER COLUMN "email" DROP NOT NULL;
      DROP INDEX "Project_organizationId_slug_key";
      ALTER TABLE "Endpoint" ALTER COLUMN "timeoutMs" TYPE BIGINT;
    `);
    const diff = await (await openSchemaEngine(schema, db)).diffDatabaseToSchema();
    expect(diff).toContain(`ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id")`);
    expect(diff).toContain(`ALTER COLUMN "defaultBranch" SET DEFAULT 'main'`);
    expect(diff).toContain(`ALTER TABLE "User" ALTER COLUMN "email" SET NOT NULL`);
    expect(diff).toContain(`CREATE UNIQUE INDEX "Project_organizationId_slug_key"`);
    expect(diff).toContain(`ALTER TABLE "Endpoint" ALTER COLUMN "timeoutMs" SET DATA TYPE INTEGER`);
  });

  it("reports the whole schema as missing on an empty database", async () => {
    pglite = await PGlite.create();
    const diff = await (await openSchemaEngine(schema, pglite)).diffDatabaseToSchema();
    expect(diff).toContain(`CREATE TABLE "Project"`);
    expect(diff).toContain(`CREATE TYPE "Role"`);
  });
});
