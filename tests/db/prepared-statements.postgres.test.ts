// On PostgreSQL the app prepares each statement once per connection (lib/db openPostgres), so
// the server skips parsing it and may reuse its plan; DATABASE_PREPARED_STATEMENTS=0 turns that
// off for poolers that cannot keep prepared statements. At most 256 distinct statements are
// prepared per connection, so statements whose text varies cannot fill the server's memory.
// Runs only in the "postgres" project.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type OpenedDatabase } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { createPostgresDatabase, testEngine } from "../helpers/db";

const onPostgres = testEngine() === "postgres";

/** The statements prepared on the pool's one connection, as that connection lists them. */
async function prepared(opened: OpenedDatabase) {
  const rows = await opened.db.$queryRaw<{ name: string; statement: string }[]>(Prisma.sql`SELECT name, statement FROM pg_prepared_statements`);
  return rows;
}

describe.skipIf(!onPostgres)("prepared statements (PostgreSQL)", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  beforeAll(async () => {
    database = await createPostgresDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("prepares a statement once and runs it again by name", async () => {
    const opened = await openPostgres(database.url, { max: 1 });
    try {
      for (let i = 0; i < 3; i++) await opened.db.organization.findMany({ where: { slug: `org-${i}` } });
      const organizations = (await prepared(opened)).filter((s) => s.statement.includes(`FROM "public"."Organization"`));
      expect(organizations).toHaveLength(1);
      expect(organizations[0].name).toMatch(/^cc\d+$/);
    } finally {
      await opened.close();
    }
  });

  it("prepares nothing when turned off", async () => {
    const opened = await openPostgres(database.url, { max: 1, preparedStatements: false });
    try {
      await opened.db.organization.findMany({ where: { slug: "org" } });
      expect(await prepared(opened)).toEqual([]);
    } finally {
      await opened.close();
    }
  });

  it("prepares at most 256 distinct statements per connection and still runs the others", async () => {
    const opened = await openPostgres(database.url, { max: 1 });
    try {
      for (let i = 0; i < 300; i++) {
        const [row] = await opened.db.$queryRawUnsafe<{ n: number }[]>(`SELECT ${i}::int AS n`);
        expect(row.n).toBe(i);
      }
      expect((await prepared(opened)).length).toBe(256);
    } finally {
      await opened.close();
    }
  });
});
