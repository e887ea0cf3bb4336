// Cursor pagination shared by every list: newest first, ordered by the ULID-based id.
// The cursor is opaque to callers (base64url of the last id they saw).
import { z } from "zod";

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .max(200)
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const id = Buffer.from(value, "base64url").toString("utf8");
      if (!/^[a-z]+_[0-9A-Z]{26}$/.test(id)) {
        ctx.addIssue({ code: "custom", message: "Invalid cursor: pass the next_cursor of a previous page." });
        return z.NEVER;
      }
      return id;
    }),
});

export type PageQuery = { limit: number; cursor?: string };
export type Page<T> = { items: T[]; nextCursor: string | null };

/** Prisma arguments for one page (fetches one extra row to know whether more exist). */
export function pageArgs(page: PageQuery) {
  return {
    where: page.cursor ? { id: { lt: page.cursor } } : {},
    orderBy: { id: "desc" as const },
    take: page.limit + 1,
  };
}

export function toPage<T extends { id: string }>(rows: T[], page: PageQuery): Page<T> {
  const items = rows.slice(0, page.limit);
  const more = rows.length > page.limit;
  return { items, nextCursor: more ? Buffer.from(items[items.length - 1].id).toString("base64url") : null };
}
