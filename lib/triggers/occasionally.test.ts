import { describe, expect, it } from "vitest";
import { occasionally } from "./occasionally";

describe("occasionally", () => {
  it("opens once per interval of the given clock, and at once when the clock moved backwards", () => {
    const gate = occasionally(10_000);
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);
    expect([0, 5, 9.999, 10, 15, 20].map((s) => gate(at(s)))).toEqual([true, false, false, true, false, true]);
    expect(gate(at(-60))).toBe(true);
    expect(gate(at(-55))).toBe(false);
  });
});
