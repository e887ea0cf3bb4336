import { describe, expect, it } from "vitest";
import { newId } from "@/lib/db/ids";
import { pageArgs, pageQuerySchema, toPage } from "./pagination";

describe("pageQuerySchema", () => {
  it("defaults to 20 items and no cursor", () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 20, cursor: undefined });
  });

  it("coerces the limit from a query string and bounds it to 1..100", () => {
    expect(pageQuerySchema.parse({ limit: "5" }).limit).toBe(5);
    expect(pageQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(pageQuerySchema.safeParse({ limit: "101" }).success).toBe(false);
    expect(pageQuerySchema.safeParse({ limit: "2.5" }).success).toBe(false);
  });

  it("rejects a cursor that is not one it issued, saying what to pass instead", () => {
    for (const cursor of ["garbage", Buffer.from("not-an-id").toString("base64url"), Buffer.from("proj_short").toString("base64url")]) {
      const result = pageQuerySchema.safeParse({ cursor });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({
        path: ["cursor"],
        message: "Invalid cursor: pass the next_cursor of a previous page.",
      });
    }
  });
});

describe("next_cursor", () => {
  const rows = [5, 4, 3, 2, 1].map((t) => ({ id: newId("proj", Date.UTC(2026, 0, 1) + t) }));

  it("round-trips: the next_cursor of a page parses back to the last id of that page", () => {
    const page = toPage(rows.slice(0, 3), { limit: 2 });
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(page.nextCursor).not.toBeNull();
    const next = pageQuerySchema.parse({ cursor: page.nextCursor!, limit: "2" });
    expect(next.cursor).toBe(rows[1].id);
    expect(pageArgs(next)).toEqual({ where: { id: { lt: rows[1].id } }, orderBy: { id: "desc" }, take: 3 });
  });

  it("is null on the last page", () => {
    expect(toPage(rows.slice(3), { limit: 2 }).nextCursor).toBeNull();
    expect(toPage([], { limit: 2 })).toEqual({ items: [], nextCursor: null });
  });

  it("asks the database for one row more than the page, newest first", () => {
    expect(pageArgs({ limit: 20 })).toEqual({ where: {}, orderBy: { id: "desc" }, take: 21 });
  });
});
