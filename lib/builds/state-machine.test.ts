import { describe, expect, it } from "vitest";
import { ConflictError } from "@/lib/errors";
import { assertTransition, BUILD_STATUSES, canTransition, isFinal, type BuildStatus } from "./state-machine";

const ALLOWED: [BuildStatus, BuildStatus][] = [
  ["queued", "started"],
  ["queued", "cancelled"],
  ["queued", "superseded"],
  ["started", "succeeded"],
  ["started", "failed"],
  ["started", "cancelled"],
];

describe("build state machine", () => {
  it.each(ALLOWED)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to, 5)).not.toThrow();
  });

  const refused = BUILD_STATUSES.flatMap((from) => BUILD_STATUSES.map((to) => [from, to] as [BuildStatus, BuildStatus])).filter(
    ([from, to]) => !ALLOWED.some(([f, t]) => f === from && t === to),
  );

  it.each(refused)("refuses %s → %s with a 409 naming the build", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let error: unknown;
    try {
      assertTransition(from, to, 5);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).status).toBe(409);
    expect((error as ConflictError).message).toContain(`Build #5 is ${from}; it cannot become ${to}.`);
  });

  it("covers all 36 pairs", () => {
    expect(ALLOWED.length + refused.length).toBe(36);
  });

  it("treats succeeded, failed, cancelled and superseded as final", () => {
    expect(BUILD_STATUSES.filter(isFinal)).toEqual(["succeeded", "failed", "cancelled", "superseded"]);
  });
});
