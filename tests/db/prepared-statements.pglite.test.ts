// PGlite runs on a thread of its own (lib/db/pglite-thread.ts), and the app prepares each
// statement once there too, running it as PGlite's own query() would: with its serializers and
// result parser. The server's thread goes on while a statement runs, errors read the same, a
// transaction still keeps other queries out until it ends, and at most 500 distinct statements
// are kept. Runs only in the "pglite" project.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation, openPglite, type OpenedDatabase } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { openPgliteThread } from "@/lib/db/pglite-thread";

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await openPglite();
});
afterAll(async () => {
  await opened?.close();
});

async function prepared() {
  return opened.db.$queryRaw<{ name: string; statement: string }[]>(Prisma.sql`SELECT name, statement FROM pg_prepared_statements ORDER BY name`);
}

describe("prepared statements (PGlite)", () => {
  it("prepares a statement once and runs it again by name, with the same answers", async () => {
    await opened.db.organization.create({ data: { id: "org_01JH6Z9X8Q7W5V4T3S2R1P0N9M", name: "Acme", slug: "acme" } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await opened.db.organization.findMany({ where: { slug: "acme" } }));
    expect(answers.map((a) => a.map((o) => [o.name, o.createdAt instanceof Date]))).toEqual([[["Acme", true]], [["Acme", true]], [["Acme", true]]]);
    const organizations = (await prepared()).filter((s) => s.statement.includes(`FROM "public"."Organization"`) && s.statement.includes("slug"));
    expect(organizations).toHaveLength(1);
    expect(organizations[0].name).toMatch(/^cc_\d+$/);
  });

  it("reports a failed statement as PGlite would, and runs the next one", async () => {
    const insert = () => opened.db.organization.create({ data: { id: "org_01JH6Z9X8Q7W5V4T3S2R1P0N9N", name: "Twin", slug: "twin" } });
    await insert();
    const error = await insert().catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    await expect(opened.db.$queryRawUnsafe("SELEC 1")).rejects.toThrow(/syntax error/);
    expect(await opened.db.organization.count({ where: { slug: "twin" } })).toBe(1);
  });

  it("keeps a query from outside out of an open transaction until it ends", async () => {
    const order: string[] = [];
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = opened.db.$transaction(async (tx) => {
      await tx.organization.create({ data: { id: "org_01JH6Z9X8Q7W5V4T3S2R1P0N9P", name: "Pending", slug: "pending" } });
      inserted();
      // The outside query below is sent now; it must not run inside this transaction.
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push("transaction ends");
      throw new Error("roll back");
    });
    await insertedYet;
    const outside = opened.db.organization.count({ where: { slug: "pending" } }).then((count) => {
      order.push("outside answers");
      return count;
    });
    await expect(transaction).rejects.toThrow("roll back");
    expect(await outside).toBe(0);
    expect(order).toEqual(["transaction ends", "outside answers"]);
  });

  it("runs a statement on the database's own thread: this thread's timers fire while it runs", async () => {
    const order: string[] = [];
    const slow = opened.db.$executeRawUnsafe("SELECT pg_sleep(0.4)").then(() => order.push("statement answers"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push("timer fires");
    await slow;
    expect(order).toEqual(["timer fires", "statement answers"]);
  });

  it("runs queries sent at once in the order sent, each whole, and a transaction alone between them", async () => {
    const pglite = await openPgliteThread(undefined);
    try {
      await pglite.exec("CREATE TABLE burst (n int)");
      const insert = (n: number) => pglite.query("INSERT INTO burst (n) VALUES ($1)", [n]);
      // Prepared first, so that the inserts below go at once rather than one by one.
      await insert(-1);
      const before = Array.from({ length: 10 }, (_, n) => insert(n));
      const transaction = pglite.transaction(async (tx) => {
        await tx.query("INSERT INTO burst (n) VALUES ($1)", [100]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return (await tx.query<{ count: number }>("SELECT count(*)::int AS count FROM burst")).rows[0].count;
      });
      const after = Array.from({ length: 10 }, (_, n) => insert(200 + n));
      await Promise.all([...before, ...after]);
      // It saw the first row, the ten sent before it and its own, none of those sent after it.
      expect(await transaction).toBe(12);
      const { rows } = await pglite.query<{ n: number }>("SELECT n FROM burst");
      expect(rows.map((r) => r.n).sort((a, b) => a - b)).toEqual([-1, ...Array.from({ length: 10 }, (_, n) => n), 100, ...Array.from({ length: 10 }, (_, n) => 200 + n)]);
    } finally {
      await pglite.close();
    }
  });

  it("keeps at most 500 statements and still runs the others", async () => {
    for (let i = 0; i < 520; i++) {
      const [row] = await opened.db.$queryRawUnsafe<{ n: number }[]>(`SELECT ${i}::int AS n`);
      expect(row.n).toBe(i);
    }
    expect((await prepared()).length).toBe(500);
  });
});
