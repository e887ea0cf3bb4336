import { describe, expect, it } from "vitest";
import { newId, ulid } from "./ids";

const CROCKFORD = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{26}$/;

describe("ids", () => {
  it("start with the type prefix and an underscore, followed by a 26-character ULID", () => {
    const id = newId("proj");
    expect(id.startsWith("proj_")).toBe(true);
    expect(id).toHaveLength("proj_".length + 26);
    expect(id.slice(5)).toMatch(CROCKFORD);
  });

  it("encode the time in the first 10 characters", () => {
    expect(ulid(0).slice(0, 10)).toBe("0000000000");
    expect(ulid(1).slice(0, 10)).toBe("0000000001");
    expect(ulid(32).slice(0, 10)).toBe("0000000010");
    // The ULID spec's example time.
    expect(ulid(1469918176385).slice(0, 10)).toBe("01ARYZ6S41");
  });

  it("sort by creation time across milliseconds", () => {
    const start = Date.UTC(2026, 0, 1);
    const ids = [5, 0, 1000, 1, 86_400_000, 2].map((offset) => ({ offset, id: newId("evt", start + offset) }));
    const byId = [...ids].sort((a, b) => (a.id < b.id ? -1 : 1)).map((x) => x.offset);
    expect(byId).toEqual([0, 1, 2, 5, 1000, 86_400_000]);
  });

  it("are unique within the same millisecond", () => {
    const now = Date.now();
    const ids = new Set(Array.from({ length: 1000 }, () => newId("del", now)));
    expect(ids.size).toBe(1000);
  });

  it("sort in the order they were made within the same millisecond", () => {
    const now = Date.now();
    const ids = Array.from({ length: 1000 }, () => newId("del", now));
    expect([...ids].sort()).toEqual(ids);
  });
});
