// The served route: Inngest's introspection (GET, dev mode) lists the delivery functions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const previous = process.env.INNGEST_DEV;
beforeAll(() => {
  process.env.INNGEST_DEV = "1";
});
afterAll(() => {
  if (previous === undefined) delete process.env.INNGEST_DEV;
  else process.env.INNGEST_DEV = previous;
});

describe("/api/inngest", () => {
  it("serves the five delivery functions and the delivery function's failure handler", async () => {
    const { GET } = await import("@/app/api/inngest/route");
    const res = await GET(new Request("http://localhost:3000/api/inngest") as never, undefined as never);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ function_count: 6, mode: "dev" });
  });
});
