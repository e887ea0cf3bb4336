// Several writes as one statement: each part becomes a data-modifying CTE of
// `WITH s0 AS (…), s1 AS (…) SELECT 1`. PostgreSQL runs every part to completion, all of them
// or none (one statement is atomic), and foreign keys are checked at the statement's end, so a
// part may insert rows referencing another part's rows. One round trip instead of one per write:
// on the hot paths (a trigger queuing a build with its events), round trips are most of the cost
// (docs/PERFORMANCE.md).
import { Prisma } from "./generated/client";
import type { Db } from "./client";

export async function writeTogether(tx: Db | Prisma.TransactionClient, parts: Prisma.Sql[]): Promise<void> {
  if (parts.length === 0) return;
  await tx.$executeRaw(Prisma.sql`WITH ${writesAsCtes(parts)} SELECT 1`);
}

/**
 * SQL that always holds: the condition of a part written unconditionally, where a statement
 * may also write its parts only if something holds (`INSERT … SELECT … WHERE <condition>`).
 */
export const always = Prisma.sql`true`;

/** `s0 AS (…), s1 AS (…)`: the parts as CTEs, for a statement that adds CTEs or a SELECT of its own. */
export function writesAsCtes(parts: Prisma.Sql[]): Prisma.Sql {
  return Prisma.join(
    parts.map((part, i) => Prisma.sql`${Prisma.raw(`s${i}`)} AS (${part})`),
    ", ",
  );
}

/** A JSON column of a raw query (json_agg, a jsonb column): parsed by the adapter, or its text on adapters that leave it so. */
export function jsonColumn<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
