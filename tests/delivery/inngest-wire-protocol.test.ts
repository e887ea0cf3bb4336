// The Inngest wire protocol as the installed SDK speaks it, checked through the fake executor
// (tests/helpers/inngest-executor.ts) against the app's real /api/inngest handlers: sync,
// signatures, the shape of a run's first exchange (a recorded fixture), and checkpointing.
// An SDK upgrade that changes any of this should fail here first.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Inngest } from "inngest";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { systemActor } from "@/lib/audit";
import type { OpenedDatabase } from "@/lib/db";
import { deliveryContext, type DeliveryContext } from "@/lib/delivery/context";
import { notifyInngestMessagePublished } from "@/lib/delivery/inngest";
import { inngestHandlers } from "@/lib/delivery/inngest/serve";
import { publishEvent } from "@/lib/delivery/publish";
import { createSender } from "@/lib/delivery/sender";
import { createEndpoint } from "@/lib/webhooks";
import { createOrgWithUser, createTestDatabase } from "../helpers/db";
import { canonicalJson, hashStepId, InngestExecutor, signBody, type ExecutorOptions } from "../helpers/inngest-executor";
import { startReceiver, type Receiver } from "../helpers/receiver";

const SIGNING_KEY = `signkey-test-${"5e".repeat(32)}`;
const EVENT_KEY = "wire-test-event-key";
const START = new Date("2026-03-01T12:00:00.000Z");
const FIXTURE = join(__dirname, "../fixtures/inngest/deliver-webhook-first-step.json");

let opened: OpenedDatabase;
let receiver: Receiver;
let inngest: InngestExecutor | undefined;

beforeAll(async () => {
  opened = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await opened?.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.respondWith((_req, res) => {
    res.writeHead(200);
    res.end("ok");
  });
});
afterEach(async () => {
  await inngest?.close();
  inngest = undefined;
});

/** The fake Inngest, and the app's handlers over a client pointed at it, synced. */
async function startInngest(options: Partial<ExecutorOptions> = {}, overrides: Partial<DeliveryContext> = {}) {
  const executor = await InngestExecutor.start({ signingKey: SIGNING_KEY, eventKey: EVENT_KEY, start: START, ...options });
  inngest = executor;
  const client = new Inngest({ id: "control-center", signingKey: SIGNING_KEY, eventKey: EVENT_KEY, baseUrl: executor.apiUrl, isDev: false });
  const ctx = deliveryContext(opened.db, { now: () => executor.now(), send: createSender({ allowPrivate: true }), ...overrides });
  const handlers = inngestHandlers(() => ctx, { client, env: () => executor.env(), retentionDays: () => 30 });
  executor.connect(handlers);
  return { executor, client, handlers };
}

async function publishToOneEndpoint(executor: InngestExecutor, client: Inngest) {
  const { org } = await createOrgWithUser(opened.db);
  await createEndpoint(
    opened.db,
    org.id,
    { name: "wire", url: `${receiver.url}/wire`, events: [], format: "standard", headers: {}, active: true },
    systemActor,
    { allowHttp: true, allowPrivate: true },
  );
  const { message } = await publishEvent(opened.db, { orgId: org.id, type: "project.updated", data: { project: { id: "p", name: "P" } } }, executor.now());
  expect(await notifyInngestMessagePublished(message.id, org.id, client)).toBe(true);
  return { org, message };
}

describe("sync", () => {
  it("registers every delivery function in band: ids, triggers, concurrency and step URLs", async () => {
    const { executor } = await startInngest();
    const functions = await executor.sync();

    expect(executor.lastSync?.kind).toBe("in_band");
    expect(Object.fromEntries(functions.map((f) => [f.id, f.triggers]))).toEqual({
      "control-center-fan-out-message": [{ event: "delivery/message.published" }],
      "control-center-deliver-webhook": [{ event: "delivery/attempt.requested" }],
      "control-center-requeue-stranded-deliveries": [{ cron: "*/5 * * * *" }],
      "control-center-disable-stale-endpoints": [{ cron: "0 * * * *" }],
      "control-center-prune-delivery-log": [{ cron: "0 3 * * *" }],
      // An onFailure handler registers as "<id>-failure", triggered by inngest/function.failed.
      ...Object.fromEntries(
        functions
          .filter((f) => f.id.endsWith("-failure"))
          .map((f) => [f.id, [{ event: "inngest/function.failed", expression: `event.data.function_id == '${f.id.replace(/-failure$/, "")}'` }]]),
      ),
    });
    expect(executor.functions.get("control-center-deliver-webhook")?.concurrency).toEqual([{ key: "event.data.endpointId", limit: 16 }]);
    for (const f of functions) {
      expect(Object.keys(f.steps)).toEqual(["step"]);
      const url = new URL(f.steps.step.runtime.url);
      expect(`${url.origin}${url.pathname}`).toBe(executor.appUrl);
      expect(Object.fromEntries(url.searchParams)).toEqual({ fnId: f.id, stepId: "step" });
    }
    executor.assertClean();
  });

  it("registers out of band too: a signed PUT makes the SDK post to /fn/register with the signing key", async () => {
    const { executor } = await startInngest();
    const res = await executor.syncOutOfBand();
    expect(res.status).toBe(200);
    expect(res.headers.get("x-inngest-sync-kind")).toBe("out_of_band");
    expect(executor.lastSync?.kind).toBe("out_of_band");
    expect(executor.apiCalls.map((c) => [c.method, c.path, c.status])).toEqual([["POST", "/fn/register", 200]]);
    expect(executor.functions.has("control-center-deliver-webhook")).toBe(true);
    // Unsigned, it is refused (INNGEST_ENABLE_UNAUTHED_SYNC is off).
    expect((await executor.syncOutOfBand({ signed: false })).status).toBe(401);
    executor.assertClean();
  });
});

describe("signatures", () => {
  it("refuses a run request with a missing, wrong or stale signature (401) and answers a signed one, signed", async () => {
    const { executor, handlers, client } = await startInngest();
    await executor.sync();
    const body = canonicalJson({
      event: { name: "inngest/scheduled.timer", data: { cron: "0 * * * *" }, id: "01J0", ts: 0 },
      events: [{ name: "inngest/scheduled.timer", data: { cron: "0 * * * *" }, id: "01J0", ts: 0 }],
      steps: { [hashStepId("disable-stale-endpoints")]: { type: "data", data: [] } },
      ctx: { run_id: "01JRUN", attempt: 0, disable_immediate_execution: false, use_api: false, stack: { stack: [], current: -1 } },
      version: 2,
    });
    const url = `${executor.appUrl}?fnId=control-center-disable-stale-endpoints&stepId=step`;
    const post = (signature?: string, text = body) =>
      handlers.POST(new Request(url, { method: "POST", body: text, headers: { "content-type": "application/json", ...(signature ? { "x-inngest-signature": signature } : {}) } }));

    // The SDK logs each refusal; expected here.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await post()).status).toBe(401);
    expect((await post(signBody(body, `signkey-test-${"00".repeat(32)}`))).status).toBe(401);
    expect((await post(signBody(body, SIGNING_KEY, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
    expect((await post(signBody(body, SIGNING_KEY), body.replace("0 * * * *", "1 * * * *"))).status).toBe(401);
    logged.mockRestore();

    // The guard's client.setEnvVars(env) on each call keeps the client's own settings.
    expect([client.mode, client.apiBaseUrl, client.signingKey]).toEqual(["cloud", executor.apiUrl, SIGNING_KEY]);
    const ok = await post(signBody(body, SIGNING_KEY));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ disabled: [] });
    expect(ok.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
  });
});

describe("checkpointing", () => {
  it("posts the steps a run makes inline to the checkpoint API and completes in one call", async () => {
    const { executor } = await startInngest();
    await executor.sync();
    const run = executor.invokeCron("prune-delivery-log");
    await executor.runUntilIdle();

    expect(run.status).toBe("completed");
    expect(run.log.filter((e) => e.kind === "call" && e.status !== undefined)).toHaveLength(1);
    const checkpoints = executor.apiCalls.filter((c) => c.path === `/v1/checkpoint/${run.id}/async`);
    const checkpointed = checkpoints.flatMap((c) => (c.body as { steps: { op: string; displayName: string }[] }).steps);
    expect(checkpointed.map((s) => s.op)).toEqual(checkpointed.map(() => "StepRun"));
    expect(checkpointed.length).toBeGreaterThanOrEqual(3);
    expect(run.output).toMatchObject({ deliveries: 0, messages: 0 });
    executor.assertClean();
  });

  it("falls back to returning the steps when the checkpoint API fails, and still attempts a delivery once", async () => {
    // Only the delivery run's checkpoints fail: the SDK's own backoff between tries is real time.
    const { executor, client } = await startInngest({ hooks: { checkpointFails: ({ run }) => run.fnId.endsWith("deliver-webhook") } });
    await executor.sync();
    await publishToOneEndpoint(executor, client);
    await executor.runUntilIdle();

    expect(receiver.requests).toHaveLength(1);
    const runs = executor.runs;
    expect(runs.map((r) => [r.fnId, r.status])).toEqual([
      ["control-center-fan-out-message", "completed"],
      ["control-center-deliver-webhook", "completed"],
    ]);
    const deliver = runs[1];
    // The checkpoint was tried (and failed); the step came back in the answer instead.
    expect(executor.apiCalls.filter((c) => c.path === `/v1/checkpoint/${deliver.id}/async`).every((c) => c.status === 500)).toBe(true);
    expect(executor.apiCalls.some((c) => c.path === `/v1/checkpoint/${deliver.id}/async`)).toBe(true);
    const answered = executor.exchanges.filter((x) => x.runId === deliver.id).map((x) => [x.status, (x.response as { op: string }[]).map((o) => o.op)]);
    expect(answered).toEqual([
      [206, ["StepRun"]],
      [206, ["RunComplete"]],
    ]);
    expect(deliver.output).toMatchObject({ attempted: true, status: "succeeded", attemptNumber: 1 });
    executor.assertClean();
  }, 60_000);
});

describe("the first exchange of a deliver-webhook run (recorded fixture)", () => {
  it("has the same shape as the recorded one: request, checkpoint and answer (keys, op codes, statuses)", async () => {
    const { executor, client } = await startInngest();
    await executor.sync();
    await publishToOneEndpoint(executor, client);
    await executor.runUntilIdle();
    executor.assertClean();

    const run = executor.runs.find((r) => r.fnId === "control-center-deliver-webhook")!;
    const first = executor.exchanges.find((x) => x.runId === run.id)!;
    const ctx = (first.request as { ctx: { qi_id: string; fn_id: string } }).ctx;
    const event = run.event as unknown as { id: string; data: { deliveryId: string; endpointId: string } };
    const placeholders: [string, string][] = [
      [run.id, "<run_id>"],
      [ctx.qi_id, "<qi_id>"],
      [ctx.fn_id, "<fn_id>"],
      [event.id, "<event_id>"],
      [event.data.deliveryId, "<delivery_id>"],
      [event.data.endpointId, "<endpoint_id>"],
      // Step ids are the app's; the protocol is that they are SHA-1 hashed.
      ...run.stack.map((id, i): [string, string] => [id, `<hashed step id ${i + 1}>`]),
    ];
    const normalize = (value: unknown, key = ""): unknown => {
      if (typeof value === "string") {
        if (/^t=\d+&s=[0-9a-f]+$/.test(value)) return "t=<unix seconds>&s=<hmac>";
        if (/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return "<iso time>";
        return placeholders.reduce((s, [from, to]) => s.split(from).join(to), value);
      }
      if (typeof value === "number" && ["ts", "request_started_at", "a", "b"].includes(key)) return 0;
      if (Array.isArray(value)) return value.map((v) => normalize(v));
      if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalize(v, k)]));
      return value;
    };
    // Step outputs are the app's too: only where they go is the protocol's.
    const outputsOf = (ops: unknown) => (ops as Record<string, unknown>[]).map((op) => ("data" in op ? { ...op, data: "<step output>" } : op));
    const wireHeaders = (headers: Record<string, string>) =>
      Object.fromEntries(Object.entries(headers).filter(([k]) => k.startsWith("x-inngest-") || k === "content-type"));
    const recorded = normalize({
      sdk: "inngest@4.24.0",
      note: "The first call of a deliver-webhook run with checkpointing on (as Inngest Cloud): the attempt step runs inline and is checkpointed, the run completes in the answer. Regenerate with UPDATE_INNGEST_FIXTURES=1.",
      request: { method: "POST", query: first.query, body: first.request },
      checkpoints: executor.apiCalls
        .filter((c) => c.path.startsWith(`/v1/checkpoint/${run.id}`))
        .map((c) => ({ path: c.path, status: c.status, body: { ...(c.body as object), steps: outputsOf((c.body as { steps: unknown }).steps) } })),
      response: { status: first.status, headers: wireHeaders(first.headers), body: outputsOf(first.response) },
    });
    if (process.env.UPDATE_INNGEST_FIXTURES) writeFileSync(FIXTURE, `${JSON.stringify(recorded, null, 2)}\n`);
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as typeof recorded;

    // The shape: every key at every depth, op codes, statuses and headers, not the values.
    expect(shapeOf(recorded)).toEqual(shapeOf(fixture));
    const { request, checkpoints, response } = recorded as { request: unknown; checkpoints: { body: { steps: { op: string }[] } }[]; response: { status: number; body: { op: string }[] } };
    expect(response.status).toBe(206);
    expect(response.body.map((op) => op.op)).toEqual(["RunComplete"]);
    expect(checkpoints.flatMap((c) => c.body.steps.map((s) => s.op))).toEqual(["StepRun"]);
    expect(request).toMatchObject({ query: { fnId: "control-center-deliver-webhook", stepId: "step" } });
  });
});

/** Keys, op codes, statuses and value types, recursively: what must not change without notice. */
function shapeOf(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => shapeOf(v));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shapeOf(v, k)]));
  }
  if (["op", "status", "method", "fnId", "stepId", "content-type", "x-inngest-no-retry", "x-inngest-req-version"].includes(key)) return value;
  return value === null ? null : typeof value;
}

describe("how steps look on the wire", () => {
  it("step.sendEvent is a step the SDK runs itself (it posts to the event API); a sleep is a Sleep op with an ISO time", async () => {
    const { executor, client } = await startInngest();
    await executor.sync();
    let n = 0;
    receiver.respondWith((_req, res) => {
      res.writeHead(++n === 1 ? 503 : 200);
      res.end();
    });
    await publishToOneEndpoint(executor, client);
    await executor.runUntilIdle();
    executor.assertClean();

    const [fanOut, deliver] = executor.runs;
    // The fan-out's send is a StepRun of type step.sendEvent whose data is the event API's answer.
    const sent = executor.apiCalls
      .filter((c) => c.path === `/v1/checkpoint/${fanOut.id}/async`)
      .flatMap((c) => (c.body as { steps: { op: string; opts?: { type?: string }; data: unknown }[] }).steps)
      .find((s) => s.opts?.type === "step.sendEvent");
    const ingested = executor.events.find((e) => e.event.name === "delivery/attempt.requested")!;
    expect(sent).toMatchObject({ op: "StepRun", data: { ids: [ingested.internalId] } });
    expect(executor.apiCalls.filter((c) => c.path.startsWith("/e/")).map((c) => c.status)).toEqual([200, 200]);

    // The failed attempt ends the first call with a Sleep until the retry time, 5 s later.
    const sleeps = deliver.log.filter((e) => e.kind === "op" && e.op === "Sleep");
    expect(sleeps.map((e) => e.name)).toEqual([new Date(START.getTime() + 5000).toISOString()]);
    expect(deliver.log.filter((e) => e.kind === "wake").map((e) => e.at)).toEqual([new Date(START.getTime() + 5000)]);
    expect(deliver.status).toBe("completed");
  });

  it("a step that keeps throwing is retried (StepError) until its last attempt (StepFailed), then the run fails and function.failed is emitted", async () => {
    const { executor, client } = await startInngest({}, { send: async () => Promise.reject(new Error("the sender broke")) });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await executor.sync();
      await publishToOneEndpoint(executor, client);
      await executor.runUntilIdle();
    } finally {
      logged.mockRestore();
    }
    executor.assertClean();

    const deliver = executor.runsOf("deliver-webhook")[0];
    expect(deliver.status).toBe("failed");
    const calls = deliver.log.filter((e) => e.kind === "call" && e.status !== undefined);
    // attempt 0 (discovery runs the step inline), then the step itself at attempts 1–3, 10/20/40 s apart.
    expect(calls.map((c) => [c.attempt, c.status, c.at.getTime() - START.getTime()])).toEqual([
      [0, 206, 0],
      [1, 206, 10_000],
      [2, 206, 30_000],
      [3, 206, 70_000],
      [0, 400, 70_000],
    ]);
    expect(deliver.log.filter((e) => e.kind === "op").map((e) => e.op)).toEqual(["StepError", "StepError", "StepError", "StepFailed"]);
    expect(calls.slice(1, 4).every((c) => c.stepId !== "step")).toBe(true);

    const failed = executor.events.find((e) => e.event.name === "inngest/function.failed")!;
    expect(failed.event.data).toEqual({
      function_id: "control-center-deliver-webhook",
      run_id: deliver.id,
      error: expect.objectContaining({ name: expect.any(String), message: expect.stringContaining("the sender broke") }),
      event: deliver.event,
    });
    // An onFailure handler, when the function has one, runs for it (and only for it).
    const handlers = executor.runs.filter((r) => r.fnId.endsWith("-failure"));
    expect(handlers.map((r) => [r.fnId, r.status])).toEqual(
      executor.functions.has("control-center-deliver-webhook-failure") ? [["control-center-deliver-webhook-failure", "completed"]] : [],
    );
  });
});

describe("the harness is strict", () => {
  it("dedupes events by id for 24 h and answers the event API as Inngest does", async () => {
    const { executor, client } = await startInngest();
    await executor.sync();
    const event = { name: "delivery/message.published", id: "published-dup", data: { messageId: "evt_none", orgId: "org_none" } };
    const first = await client.send(event);
    const again = await client.send(event);
    expect(first.ids).toHaveLength(1);
    expect(again.ids).toHaveLength(1);
    expect(executor.events.map((e) => e.duplicate)).toEqual([false, true]);
    await executor.advanceTo(START.getTime() + 24 * 3600 * 1000);
    await client.send(event);
    expect(executor.events.map((e) => e.duplicate)).toEqual([false, true, false]);
    await executor.runUntilIdle();
    expect(executor.runs.map((r) => [r.fnId, r.status])).toEqual([
      ["control-center-fan-out-message", "completed"],
      ["control-center-fan-out-message", "completed"],
    ]);
  });

  it("fails loudly on an op, a field or an API path it does not know", async () => {
    const { executor, handlers } = await startInngest();
    await executor.sync();
    const answers = [
      [{ id: hashStepId("x"), op: "Teleport" }],
      [{ id: hashStepId("x"), op: "StepRun", data: 1, surprise: true }],
    ];
    let i = 0;
    executor.connect({ ...handlers, POST: async () => Response.json(answers[i++], { status: 206 }) });
    executor.invokeCron("disable-stale-endpoints");
    executor.invokeCron("disable-stale-endpoints");
    await expect(executor.runUntilIdle()).rejects.toThrow(/unknown op code Teleport[\s\S]*surprise/);
    expect(executor.runs.map((r) => r.status)).toEqual(["failed", "failed"]);

    executor.violations.length = 0;
    expect((await fetch(`${executor.apiUrl}/v0/runs/01J/actions`)).status).toBe(404);
    expect(() => executor.assertClean()).toThrow(/GET \/v0\/runs\/01J\/actions/);
    executor.violations.length = 0;
  });
});
