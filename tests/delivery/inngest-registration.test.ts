// The registration round trip, offline: a PUT to /api/inngest makes the SDK post the served
// functions to the Inngest server's /fn/register. A fake Inngest server started by the test
// receives it, so what a real server would be told is checked here: the function ids, their
// triggers (event names that exist, crons that parse), the concurrency keys (fields of the
// event schema) and the URL Inngest will call back (from INNGEST_SERVE_ORIGIN).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type Receiver } from "../helpers/receiver";

const saved = { dev: process.env.INNGEST_DEV, origin: process.env.INNGEST_SERVE_ORIGIN };
let inngestServer: Receiver;

beforeAll(async () => {
  inngestServer = await startReceiver((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, modified: true }));
  });
  // Dev mode pointed at the fake server; Inngest is to call back at the public origin.
  process.env.INNGEST_DEV = inngestServer.url;
  process.env.INNGEST_SERVE_ORIGIN = "https://cc.example.com";
});
afterAll(async () => {
  await inngestServer?.close();
  for (const [name, value] of [
    ["INNGEST_DEV", saved.dev],
    ["INNGEST_SERVE_ORIGIN", saved.origin],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

type Registered = {
  url: string;
  appName: string;
  functions: {
    id: string;
    triggers: ({ event: string; expression?: string } | { cron: string })[];
    concurrency?: { key?: string; limit: number }[];
    steps: Record<string, { runtime: { url: string } }>;
  }[];
};

describe("registering with Inngest", () => {
  it("posts every delivery function to the server's /fn/register with the callback URL from INNGEST_SERVE_ORIGIN", async () => {
    // Imported after the environment is set: the Inngest client reads it when it is made.
    const { attemptRequested, messagePublished } = await import("@/lib/delivery/inngest/client");
    const { PUT } = await import("@/app/api/inngest/route");
    const res = await PUT(new Request("http://127.0.0.1:3000/api/inngest", { method: "PUT" }) as never, undefined);
    expect(res.status).toBe(200);

    const register = inngestServer.requests.find((r) => r.path.startsWith("/fn/register"));
    expect(register, "the SDK posted to /fn/register").toBeDefined();
    const body = JSON.parse(register!.body) as Registered;
    expect(body.url).toMatch(/^https:\/\/cc\.example\.com\/api\/inngest/);
    expect(body.appName).toBe("control-center");

    const byId = Object.fromEntries(body.functions.map((f) => [f.id.replace(/^control-center-/, ""), f]));
    expect(Object.keys(byId).sort()).toEqual([
      "deliver-webhook",
      "deliver-webhook-failure",
      "disable-stale-endpoints",
      "fan-out-message",
      "prune-delivery-log",
      "requeue-stranded-deliveries",
    ]);
    // A run Inngest gave up on hands its delivery back (its onFailure handler, registered as its own function).
    expect(byId["deliver-webhook-failure"].triggers).toEqual([
      { event: "inngest/function.failed", expression: "event.data.function_id == 'control-center-deliver-webhook'" },
    ]);
    expect(byId["fan-out-message"].triggers).toEqual([{ event: messagePublished.name }]);
    expect(byId["deliver-webhook"].triggers).toEqual([{ event: attemptRequested.name }]);
    expect(byId["requeue-stranded-deliveries"].triggers).toEqual([{ cron: "*/5 * * * *" }]);
    expect(byId["disable-stale-endpoints"].triggers).toEqual([{ cron: "0 * * * *" }]);
    expect(byId["prune-delivery-log"].triggers).toEqual([{ cron: "0 3 * * *" }]);

    // Every cron has five fields of valid characters.
    for (const f of body.functions) {
      for (const trigger of f.triggers) {
        if ("cron" in trigger) expect(trigger.cron).toMatch(/^(\S+ ){4}\S+$/);
      }
      // Every step is called back at the public origin.
      for (const step of Object.values(f.steps)) expect(step.runtime.url).toMatch(/^https:\/\/cc\.example\.com\/api\/inngest\?/);
    }

    // Concurrency keys name fields the event schema has, so they never evaluate to nothing.
    const concurrency = byId["deliver-webhook"].concurrency ?? [];
    expect(concurrency).toEqual([{ key: "event.data.endpointId", limit: 16 }]);
    const fields = Object.keys(attemptRequested.schema!.shape);
    for (const { key } of concurrency) expect(fields).toContain(key!.replace(/^event\.data\./, ""));
  });
});
