// Test databases and data fixtures. Every integration test file opens its own fresh,
// migrated database: in-memory PGlite, or (TEST_DB_ENGINE=postgres) a new database
// created on TEST_DATABASE_URL's server and dropped again on close().
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { systemActor } from "@/lib/audit";
import { createApiKey, type ApiKeyScope, type Role } from "@/lib/auth";
import { sha256Hex } from "@/lib/crypto";
import { newId, openPglite, openPostgres, setDatabaseForTests, type Db, type OpenedDatabase } from "@/lib/db";
import type { SqlRunner } from "@/lib/db/migrate";
import { pgliteRunner, pgRunner } from "@/lib/db/runners";

export type TestEngine = "pglite" | "postgres";

/** The engine this Vitest project runs on (set per project in vitest.config.ts). */
export function testEngine(): TestEngine {
  return process.env.TEST_DB_ENGINE === "postgres" ? "postgres" : "pglite";
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DB_ENGINE=postgres needs TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/test).");
  return url;
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty PostgreSQL database with a random name; drop() removes it even if still connected. */
export async function createPostgresDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `cc_test_${randomBytes(8).toString("hex")}`;
  await onServer((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * A fresh database with every migration applied, also installed as the process database
 * (`setDatabaseForTests`) so route handlers use it. Call close() in afterAll.
 */
export async function createTestDatabase(): Promise<OpenedDatabase> {
  let opened: OpenedDatabase;
  if (testEngine() === "postgres") {
    const database = await createPostgresDatabase();
    let inner: OpenedDatabase;
    try {
      inner = await openPostgres(database.url, { max: 4 });
    } catch (error) {
      await database.drop();
      throw error;
    }
    opened = {
      ...inner,
      close: async () => {
        try {
          await inner.close();
        } finally {
          await database.drop();
        }
      },
    };
  } else {
    opened = await openPglite();
  }
  setDatabaseForTests(opened);
  return opened;
}

/** An empty database (no migrations) with the migrator's raw SQL runner, on the test engine. */
export async function createEmptyDatabase(): Promise<{ runner: SqlRunner; close(): Promise<void> }> {
  if (testEngine() === "postgres") {
    const database = await createPostgresDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    return {
      runner: pgRunner(client),
      close: async () => {
        await client.end().catch(() => {});
        await database.drop();
      },
    };
  }
  const pglite = await PGlite.create();
  return { runner: pgliteRunner(pglite), close: () => pglite.close() };
}

let counter = 0;
function unique(label: string) {
  counter += 1;
  return `${label}-${counter}-${randomBytes(3).toString("hex")}`;
}

/** A user who is a member of a new organization with `role`. */
export async function createOrgWithUser(db: Db, role: Role = "owner") {
  const name = unique("org");
  const user = await db.user.create({
    data: { id: newId("usr"), email: `${unique("user")}@example.test`, name: "Test User" },
  });
  const org = await db.organization.create({ data: { id: newId("org"), name, slug: name } });
  const membership = await db.membership.create({
    data: { id: newId("mem"), organizationId: org.id, userId: user.id, role },
  });
  return { user, org, membership };
}

/** A user (with their own organization) added to `orgId` as `role`. */
export async function addMember(db: Db, orgId: string, role: Role) {
  const { user } = await createOrgWithUser(db, "owner");
  await db.membership.create({ data: { id: newId("mem"), organizationId: orgId, userId: user.id, role } });
  return user;
}

/**
 * Creates an API key for the organization (through lib/auth) and returns the plaintext key. It
 * acts for `holder`, by default (as keys the system makes) for the organization's first owner.
 */
export async function createKey(
  db: Db,
  orgId: string,
  scopes: ApiKeyScope[],
  options: { name?: string; expiresAt?: string | null; holder?: { userId: string; role: Role } } = {},
): Promise<string> {
  const { secret } = await createApiKey(
    db,
    orgId,
    { name: options.name ?? unique("key"), scopes, expires_at: options.expiresAt ?? null },
    { ...systemActor, label: "Test fixture" },
    options.holder,
  );
  return secret;
}

/** The stored row of a plaintext key. */
export async function findKey(db: Db, secret: string) {
  return db.apiKey.findUniqueOrThrow({ where: { hashedKey: sha256Hex(secret) } });
}
