import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import type { OpenedDatabase } from "@/lib/db";
import { createTestDatabase } from "../helpers/db";
import { callRoute, expectJson } from "../helpers/http";

let opened: OpenedDatabase;

beforeAll(async () => {
  opened = await createTestDatabase();
});

afterAll(async () => {
  await opened?.close();
});

describe("GET /api/health", () => {
  it("answers 200 with the database reachable and the embedded delivery engine", async () => {
    const body = await expectJson(await callRoute(GET, { url: "/api/health" }), 200);
    expect(body).toEqual({ status: "ok", database: "ok", engine: "embedded" });
  });

  it("needs no API key", async () => {
    const response = await callRoute(GET, { url: "/api/health", headers: { authorization: "Bearer nonsense" } });
    expect(response.status).toBe(200);
  });
});
