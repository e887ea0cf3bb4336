import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, isInvalidTextError, isUniqueViolation } from "./errors";

// The shapes Prisma 7 with a driver adapter throws (as seen against PGlite and PostgreSQL).
const adapterError = (cause: Record<string, string>, code = "P2010") => ({ code, meta: { driverAdapterError: { name: "DriverAdapterError", cause } } });

describe("database errors", () => {
  it("knows a NUL the database refused", () => {
    expect(isInvalidTextError(adapterError({ originalCode: "22021", kind: "postgres" }, "P2039"))).toBe(true);
    expect(isInvalidTextError(adapterError({ originalCode: "23505", kind: "postgres" }))).toBe(false);
  });

  it("knows a unique violation", () => {
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
  });

  it.each([
    ["Prisma cannot reach the server", { code: "P1001" }],
    ["the server closed the connection", { code: "P1017" }],
    ["the adapter says the database is not reachable", adapterError({ kind: "DatabaseNotReachable" })],
    ["PostgreSQL is shutting down", adapterError({ kind: "postgres", originalCode: "57P01" })],
    ["PostgreSQL is starting", adapterError({ kind: "postgres", originalCode: "57P03" })],
    ["the socket was refused", { code: "ECONNREFUSED" }],
    ["pg's terminated connection, wrapped", { message: "outer", cause: new Error("Connection terminated unexpectedly") }],
  ])("knows the database is unavailable when %s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", { code: "P2002" }],
    ["a syntax error", adapterError({ kind: "postgres", originalCode: "42601" })],
    ["a plain bug", new TypeError("x is undefined")],
    ["nothing", null],
  ])("does not call %s unavailable", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
