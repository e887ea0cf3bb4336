// /api/inngest outside Inngest's dev mode: every call must be signed with INNGEST_SIGNING_KEY
// (X-Inngest-Signature: t=<unix seconds>&s=<HMAC-SHA256 of body + t>); unsigned POST and PUT are 401.
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

const SIGNING_KEY = "signkey-test-8ee2262a15e8d3c7a5ab2fbbd2b4e1d8c7d6a5b4c3d2e1f0a9b8c7d6e5f4a3b2";
const URL_BASE = "http://localhost:3000/api/inngest";

type Handler = (req: Request, context: unknown) => Promise<Response>;

/** The route as a fresh process with this environment would serve it. */
async function route(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const name of ["INNGEST_DEV", "INNGEST_SIGNING_KEY", "INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY_FALLBACK"]) vi.stubEnv(name, env[name]);
  const served = (await import("@/app/api/inngest/route")) as unknown as Record<"GET" | "POST" | "PUT", Handler>;
  return served;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

// The body Inngest signs is the JSON it sends; sorted keys and no spaces are already canonical.
const body = JSON.stringify({ ctx: { attempt: 0, fn_id: "control-center-nope", run_id: "01J" }, event: { data: {}, name: "x" }, events: [], steps: {}, version: 1 });

function signature(text: string, key = SIGNING_KEY, at = Math.floor(Date.now() / 1000)) {
  const mac = createHmac("sha256", key.replace(/^signkey-\w+-/, "")).update(text).update(String(at)).digest("hex");
  return `t=${at}&s=${mac}`;
}

const call = (handler: Handler, method: string, init: { body?: string; signature?: string; query?: string } = {}) =>
  handler(
    new Request(`${URL_BASE}${init.query ?? ""}`, {
      method,
      body: init.body,
      headers: { "content-type": "application/json", ...(init.signature ? { "x-inngest-signature": init.signature } : {}) },
    }),
    undefined,
  );

describe("/api/inngest signatures", () => {
  it("refuses every call with 401 when no signing key is configured outside dev mode (the SDK alone would answer 500)", async () => {
    const { GET, POST, PUT } = await route({ INNGEST_EVENT_KEY: "evt", INNGEST_SIGNING_KEY: undefined });
    for (const [handler, method] of [[POST, "POST"], [PUT, "PUT"], [GET, "GET"]] as const) {
      const res = await call(handler, method, method === "GET" ? {} : { body, signature: signature(body) });
      expect(res.status, method).toBe(401);
      expect(await res.json()).toMatchObject({ code: "unauthorized", message: expect.stringContaining("INNGEST_SIGNING_KEY is not set") });
    }
  });

  it("refuses an unsigned POST and an unsigned PUT (sync) with 401", async () => {
    const { POST, PUT } = await route({ INNGEST_SIGNING_KEY: SIGNING_KEY });
    expect((await call(POST, "POST", { body, query: "?fnId=control-center-nope&stepId=step" })).status).toBe(401);
    expect((await call(PUT, "PUT", { body: "" })).status).toBe(401);
  });

  it("refuses a POST signed with another key, over another body, or too long ago", async () => {
    const { POST } = await route({ INNGEST_SIGNING_KEY: SIGNING_KEY });
    const query = "?fnId=control-center-nope&stepId=step";
    const otherKey = signature(body, "signkey-test-0000000000000000000000000000000000000000000000000000000000000000");
    expect((await call(POST, "POST", { body, query, signature: otherKey })).status).toBe(401);
    expect((await call(POST, "POST", { body: body.replace('"x"', '"y"'), query, signature: signature(body) })).status).toBe(401);
    const stale = signature(body, SIGNING_KEY, Math.floor(Date.now() / 1000) - 3600);
    expect((await call(POST, "POST", { body, query, signature: stale })).status).toBe(401);
  });

  it("lets a correctly signed call through to the SDK", async () => {
    const { GET, POST } = await route({ INNGEST_SIGNING_KEY: SIGNING_KEY });
    // Signed introspection: the SDK answers with the authenticated view of the five functions and
    // the delivery function's failure handler.
    const introspection = await call(GET, "GET", { signature: signature("") });
    expect(introspection.status).toBe(200);
    expect(await introspection.json()).toMatchObject({ function_count: 6, mode: "cloud", authentication_succeeded: true });
    // A signed run request gets past authentication: the SDK then looks for the (unknown) function.
    const run = await call(POST, "POST", { body, query: "?fnId=control-center-nope&stepId=step", signature: signature(body) });
    expect(run.status).not.toBe(401);
    expect(await run.text()).toMatch(/"control-center-nope\\" was not found in this app/);
  });

  it("checks nothing in dev mode (INNGEST_DEV): the local dev server does not sign", async () => {
    const { GET } = await route({ INNGEST_DEV: "1" });
    const res = await call(GET, "GET");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mode: "dev" });
  });
});
