// A fake Inngest, on the wire, for tests: its event and checkpoint API as a real local HTTP
// server, and its executor calling the app's real serve() handlers in process with signed
// requests, run by a virtual clock (a discrete-event simulation: nothing waits in real time).
//
// It speaks the protocol of the installed SDK as read from its source, and validates what it
// sends and receives against the SDK's exported schemas where there are some (and strict
// schemas of its own where there are none), so an SDK upgrade that changes the protocol fails
// loudly: anything it does not understand (a path, an op code, a field, a status) is recorded
// as a violation, ends the run, and makes runUntilIdle() and assertClean() throw.
//
// Generic on purpose: nothing here knows the app's functions or step names. The fault hooks
// (lose a response, fail a request, wake early or late, fail checkpoints, run anything at any
// virtual time) are what a randomized interleaving test drives.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { functionConfigSchema, incomingOpSchema, jsonErrorSchema, StepOpCode } from "inngest/types";
import { z } from "zod";

type Handler = (req: Request, context?: unknown) => Promise<Response>;
export type ServeHandlers = Record<"GET" | "POST" | "PUT", Handler>;

/** Inngest's default when a function sets no `retries` (the SDK's defaultMaxRetries). */
export const DEFAULT_RETRIES = 3;
/** How long Inngest remembers an event id to drop a second event with it. */
export const EVENT_DEDUPE_MS = 24 * 3600 * 1000;
/** What the executor sends until the SDK has told it its version (Inngest's "unknown"). */
const VERSION_UNKNOWN = -1;

/** How the SDK hashes a step id for the wire (and the executor's memoized state). */
export const hashStepId = (id: string) => createHash("sha1").update(id).digest("hex");

/** JSON with object keys sorted: what the SDK re-serializes a parsed body to before checking its HMAC. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** X-Inngest-Signature for `body`: t=<unix seconds>&s=HMAC-SHA256(key without its signkey-…- prefix, body + t). */
export function signBody(body: string, signingKey: string, atSeconds = Math.floor(Date.now() / 1000)) {
  const mac = createHmac("sha256", signingKey.replace(/^signkey-\w+-/, "")).update(body).update(String(atSeconds)).digest("hex");
  return `t=${atSeconds}&s=${mac}`;
}

/** The bearer token the SDK sends to Inngest's API: the signing key's prefix and the SHA-256 of its hex bytes. */
export function hashedSigningKey(signingKey: string) {
  const prefix = /^signkey-\w+-/.exec(signingKey)?.[0] ?? "";
  return `${prefix}${createHash("sha256").update(Buffer.from(signingKey.slice(prefix.length), "hex")).digest("hex")}`;
}

// ---------------------------------------------------------------------------------------------
// Wire shapes. The SDK exports no schema for an executor request or for the ops it answers
// with, so these mirror its parser (parseFnData) and its OutgoingOp; `.strict()` so a new field
// is noticed.

/** A request body as the SDK parses it (helpers/functions.js parseFnData), and no more. */
const requestBodySchema = z
  .object({
    event: z.record(z.string(), z.unknown()),
    events: z.array(z.record(z.string(), z.unknown())),
    steps: z.record(z.string(), z.unknown()),
    ctx: z
      .object({
        run_id: z.string().min(1),
        fn_id: z.string().optional(),
        qi_id: z.string().optional(),
        attempt: z.number().int().min(0),
        max_attempts: z.number().int().min(1).optional(),
        disable_immediate_execution: z.boolean(),
        use_api: z.boolean(),
        stack: z.object({ stack: z.array(z.string()), current: z.number().int() }).strict(),
      })
      .strict(),
    version: z.union([z.literal(VERSION_UNKNOWN), z.literal(1), z.literal(2)]),
  })
  .strict();

const KNOWN_OPS = [
  StepOpCode.StepRun,
  StepOpCode.StepError,
  StepOpCode.StepFailed,
  StepOpCode.StepPlanned,
  StepOpCode.Sleep,
  StepOpCode.RunComplete,
] as const;

/** One op in a 206 response or a checkpoint (the SDK's OutgoingOp). */
const outgoingOpSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{40}$/, "a step id hashed with SHA-1"),
    op: z.string(),
    name: z.string().optional(),
    displayName: z.string().optional(),
    opts: z.record(z.string(), z.unknown()).optional(),
    userland: z.object({ id: z.string(), index: z.number().optional() }).strict().optional(),
    data: z.unknown().optional(),
    error: z.unknown().optional(),
    timing: z.unknown().optional(),
    metadata: z.unknown().optional(),
    // A step run inline and then checkpointed (or returned after a failed checkpoint) is sent as
    // the SDK's own record of the step: these internal fields come along, and are ignored.
    ...Object.fromEntries(
      ["mode", "rawArgs", "hashedId", "promise", "fulfilled", "hasStepState", "handled", "middleware", "memoizationDeferred", "transformedResultPromise", "input"].map(
        (key) => [key, z.unknown().optional()],
      ),
    ),
  })
  .strict();
export type OutgoingOp = z.infer<typeof outgoingOpSchema>;

/** The body of the SDK's async checkpoint (api/api.js checkpointStepsAsync). */
const checkpointBodySchema = z
  .object({
    run_id: z.string(),
    fn_id: z.string(),
    qi_id: z.string(),
    request_id: z.string().optional(),
    generation_id: z.number().optional(),
    request_started_at: z.number(),
    steps: z.array(z.unknown()).min(1),
    ts: z.number(),
  })
  .strict();

/** An event as the SDK sends it (client.send, step.sendEvent). */
const sentEventSchema = z
  .object({
    name: z.string().min(1),
    data: z.record(z.string(), z.unknown()),
    id: z.string().optional(),
    ts: z.number(),
    v: z.string().optional(),
    meta: z.unknown().optional(),
    user: z.unknown().optional(),
  })
  .strict();

export type FunctionConfig = {
  id: string;
  name?: string;
  triggers: ({ event: string; expression?: string } | { cron: string; jitter?: string })[];
  steps: Record<string, { id: string; name: string; runtime: { type: string; url: string }; retries?: { attempts?: number } }>;
  concurrency?: number | ConcurrencyOption | ConcurrencyOption[];
  [other: string]: unknown;
};
type ConcurrencyOption = { limit: number; key?: string; scope?: "fn" | "env" | "account" };

// ---------------------------------------------------------------------------------------------

export type RunStatus = "queued" | "running" | "sleeping" | "completed" | "failed";

export interface InngestEvent {
  name: string;
  data: Record<string, unknown>;
  id: string;
  ts: number;
  [other: string]: unknown;
}

/** An event as sent to the event API: Inngest fills in a missing id and ts. */
export type EventInput = { name: string; data: Record<string, unknown>; id?: string; ts?: number; [other: string]: unknown };

export interface IngestedEvent {
  /** Inngest's own id for it (what the event API answers with). */
  internalId: string;
  event: InngestEvent;
  /** Virtual time it was taken. */
  receivedAt: Date;
  /** Dropped: an event with the same id was taken in the last 24 h. */
  duplicate: boolean;
  runIds: string[];
}

export interface RunLogEntry {
  at: Date;
  kind: "call" | "op" | "checkpoint" | "wake" | "result-lost" | "request-failed" | "retry-scheduled" | "finished";
  /** "step" (discover and run what is next) or the hashed id of the step requested. */
  stepId?: string;
  attempt?: number;
  status?: number;
  op?: string;
  /** The step's id as written in the function (displayName on the wire). */
  displayName?: string;
  /** A Sleep's target, as sent. */
  name?: string;
}

export interface Run {
  id: string;
  /** The function's id as registered (app id prefixed, e.g. "control-center-deliver-webhook"). */
  fnId: string;
  event: InngestEvent;
  status: RunStatus;
  output?: unknown;
  error?: unknown;
  /** Memoized step state, keyed by hashed step id, as sent to the SDK. */
  steps: Record<string, { type: "data"; data: unknown } | { type: "error"; error: unknown }>;
  /** Hashed step ids in the order they completed. */
  stack: string[];
  log: RunLogEntry[];
  startedAt?: Date;
  endedAt?: Date;
  concurrencyKeys: string[];
  requestVersion: number;
  /** The call in flight whose checkpoints are accepted. */
  currentQueueItem?: string;
}

export interface CallInfo {
  run: Run;
  /** "step" or a hashed step id. */
  stepId: string;
  attempt: number;
  now: Date;
}

export interface FaultHooks {
  /**
   * The SDK ran the call but its response never arrives (a cut connection, a restart): Inngest
   * sees the call fail and retries it as it retries an error, with the next attempt number after
   * the backoff. What the call did not checkpoint is not memoized, so a step runs twice this way.
   */
  loseResult?: (info: CallInfo & { status: number; ops: OutgoingOp[] | null }) => boolean;
  /** The call fails before it reaches the app (connection refused, timeout): retried like an error, with the next attempt number, after the backoff. */
  failRequest?: (info: CallInfo) => boolean;
  /** Shifts a sleep's wake: negative wakes up to that many ms early, positive late. */
  wakeOffsetMs?: (info: { run: Run; stepId: string; displayName?: string; until: Date }) => number;
  /** The checkpoint API answers 500 (the SDK retries it, then falls back to returning the ops in its response). */
  checkpointFails?: (info: { run: Run; ops: OutgoingOp[] }) => boolean;
  /** The event API answers 500 to this send (the SDK retries a few times, then the send throws). */
  eventApiFails?: (info: { events: unknown[]; now: Date }) => boolean;
}

export interface ExecutorOptions {
  signingKey: string;
  eventKey: string;
  /** The virtual time the simulation starts at. */
  start: Date;
  /** The URL Inngest calls the app at (requests are made in process; it only has to look real). */
  appUrl?: string;
  /** Send fn_id and qi_id, so the SDK checkpoints steps it runs inline, as Inngest Cloud does. Default on. */
  checkpointing?: boolean;
  /** Calls due at the same virtual instant sent at once (a race), at most this many. Default 1: one at a time. */
  maxParallel?: number;
  /**
   * What a function's concurrency limit counts. "runs" (default): unfinished runs, so a sleeping
   * run holds its slot and a new run waits, queued, for one to finish. "steps": calls in flight,
   * as Inngest counts them (a sleeping run holds nothing); it only bites with maxParallel > 1.
   */
  concurrencyCounts?: "runs" | "steps";
  /** Virtual wait before retry number `attempt` (1, 2, …) of a failed call. Default 10 s doubling, capped at 1 h. */
  retryBackoffMs?: (attempt: number) => number;
  hooks?: FaultHooks;
  /** Tasks before runUntilIdle gives up (a run that never ends). */
  maxTasks?: number;
}

type Task = { at: number; seq: number } & (
  | { kind: "start"; run: Run }
  | { kind: "call"; run: Run; stepId: string; attempt: number }
  | { kind: "wake"; run: Run; opId: string; displayName?: string }
  | { kind: "callback"; fn: () => unknown }
);
type NewTask = Task extends infer T ? (T extends Task ? Omit<T, "seq"> : never) : never;

/** Exchanges recorded for fixtures and debugging: every call to the app, and every call to the fake API. */
export interface Exchange {
  runId: string;
  fnId: string;
  query: Record<string, string>;
  request: unknown;
  status: number;
  headers: Record<string, string>;
  response: unknown;
}
export interface ApiCall {
  method: string;
  path: string;
  body: unknown;
  status: number;
}

export class InngestExecutor {
  readonly runs: Run[] = [];
  readonly events: IngestedEvent[] = [];
  readonly exchanges: Exchange[] = [];
  readonly apiCalls: ApiCall[] = [];
  readonly violations: string[] = [];
  /** Function configs from the last sync, by id. */
  functions = new Map<string, FunctionConfig>();
  /** What the last sync was told: the app's URL and the raw registration body. */
  lastSync?: { kind: "in_band" | "out_of_band"; body: Record<string, unknown> };
  hooks: FaultHooks;

  private handlers?: ServeHandlers;
  private queue: Task[] = [];
  private seq = 0;
  private ids = 0;
  private time: number;
  private readonly checkpointing: boolean;
  private readonly maxParallel: number;
  private readonly countSteps: boolean;
  private readonly backoff: (attempt: number) => number;
  private readonly maxTasks: number;
  private readonly fnUuids = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly apiUrl: string,
    private readonly options: ExecutorOptions,
  ) {
    this.time = options.start.getTime();
    this.checkpointing = options.checkpointing ?? true;
    this.maxParallel = Math.max(1, options.maxParallel ?? 1);
    this.countSteps = options.concurrencyCounts === "steps";
    this.backoff = options.retryBackoffMs ?? ((attempt) => Math.min(10_000 * 2 ** (attempt - 1), 3_600_000));
    this.maxTasks = options.maxTasks ?? 20_000;
    this.hooks = options.hooks ?? {};
  }

  /** Starts the fake API on 127.0.0.1 (random port). Connect the app's handlers, then sync. */
  static async start(options: ExecutorOptions): Promise<InngestExecutor> {
    // The server needs the executor and the executor the server's port: bound once both exist.
    const ready: { executor?: InngestExecutor } = {};
    const server = createServer((req, res) => {
      void ready.executor!.serveApi(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    ready.executor = new InngestExecutor(server, `http://127.0.0.1:${port}`, options);
    return ready.executor;
  }

  get appUrl() {
    return this.options.appUrl ?? "http://127.0.0.1:3000/api/inngest";
  }

  /** The environment the app's Inngest client should read: these keys, this fake API. */
  env(): Record<string, string> {
    return { INNGEST_SIGNING_KEY: this.options.signingKey, INNGEST_EVENT_KEY: this.options.eventKey, INNGEST_BASE_URL: this.apiUrl };
  }

  /** The serve() handlers the executor calls (e.g. inngestHandlers(...)). */
  connect(handlers: ServeHandlers) {
    this.handlers = handlers;
    return this;
  }

  now(): Date {
    return new Date(this.time);
  }

  close() {
    return new Promise<void>((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** Throws if anything unexpected was seen: an unknown path, op, field or status, a bad signature, a run that never ended. */
  assertClean() {
    if (this.violations.length) throw new Error(`The fake Inngest saw what it does not understand:\n- ${this.violations.join("\n- ")}`);
  }

  // --- Sync ----------------------------------------------------------------------------------

  /** In-band sync, as Inngest Cloud does it: a signed PUT, answered with the app's function configs. */
  async sync(): Promise<FunctionConfig[]> {
    const body = canonicalJson({ url: this.appUrl });
    const res = await this.app().PUT(
      new Request(this.appUrl, {
        method: "PUT",
        body,
        headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band", "x-inngest-signature": signBody(body, this.options.signingKey) },
      }),
    );
    const text = await res.text();
    if (res.status !== 200) throw new Error(`in-band sync answered ${res.status}: ${text}`);
    if (res.headers.get("x-inngest-sync-kind") !== "in_band") this.violation(`in-band sync answered without x-inngest-sync-kind: in_band`);
    this.checkResponseSignature(res, text, "in-band sync");
    const registered = JSON.parse(text) as Record<string, unknown>;
    this.register("in_band", registered);
    return [...this.functions.values()];
  }

  /** Out-of-band sync: a PUT (signed unless `signed: false`) makes the SDK post its functions to /fn/register. */
  async syncOutOfBand({ signed = true }: { signed?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = signed ? { "x-inngest-signature": signBody("", this.options.signingKey) } : {};
    return this.app().PUT(new Request(this.appUrl, { method: "PUT", headers }));
  }

  private register(kind: "in_band" | "out_of_band", body: Record<string, unknown>) {
    const functions = z.array(z.unknown()).parse(body.functions);
    this.functions = new Map();
    for (const raw of functions) {
      const parsed = functionConfigSchema.safeParse(raw);
      if (!parsed.success) this.violation(`function config does not match the SDK's schema: ${parsed.error.message}`);
      const fn = raw as FunctionConfig;
      this.functions.set(fn.id, fn);
      for (const step of Object.values(fn.steps)) {
        if (!step.runtime.url.startsWith(this.appUrl.split("?")[0])) this.violation(`${fn.id}: step URL ${step.runtime.url} is not the app's URL`);
      }
    }
    this.lastSync = { kind, body };
  }

  // --- Driving -------------------------------------------------------------------------------

  /** Runs `fn` at virtual time `time` (between calls, never during one): a sweep, a resend, a fault. */
  at(time: Date | number, fn: () => unknown) {
    this.push({ kind: "callback", at: Math.max(this.time, +time), fn });
  }

  /** Starts a run of the cron function whose id is `fnId` or ends with "-<fnId>", now. */
  invokeCron(fnId: string): Run {
    const fn = [...this.functions.values()].find((f) => f.id === fnId || f.id.endsWith(`-${fnId}`));
    const trigger = fn?.triggers.find((t): t is { cron: string } => "cron" in t);
    if (!fn || !trigger) throw new Error(`no cron function "${fnId}" was synced`);
    const event: InngestEvent = { name: "inngest/scheduled.timer", data: { cron: trigger.cron }, id: this.newId(), ts: this.time };
    return this.startRun(fn, event);
  }

  /** Takes an event as the event API would (deduplicated by id) and starts the runs it triggers. */
  ingest(event: EventInput): IngestedEvent {
    const internalId = this.newId();
    const full: InngestEvent = { ...event, id: event.id ?? internalId, ts: event.ts ?? this.time };
    const duplicate =
      event.id !== undefined && this.events.some((e) => !e.duplicate && e.event.id === event.id && this.time - e.receivedAt.getTime() < EVENT_DEDUPE_MS);
    const ingested: IngestedEvent = { internalId, event: full, receivedAt: this.now(), duplicate, runIds: [] };
    this.events.push(ingested);
    if (!duplicate) {
      for (const fn of this.functions.values()) {
        if (fn.triggers.some((t) => "event" in t && t.event === full.name && this.matches(t.expression, full, fn.id))) {
          ingested.runIds.push(this.startRun(fn, full).id);
        }
      }
    }
    return ingested;
  }

  /** Processes runs, wakes and callbacks in virtual-time order until nothing is left (or `until`, leaving the clock there). */
  async runUntilIdle({ until }: { until?: Date | number } = {}) {
    const limit = until === undefined ? Infinity : +until;
    let done = 0;
    while (this.queue.length && this.queue[0].at <= limit) {
      if (++done > this.maxTasks) {
        this.violation(`still busy after ${this.maxTasks} tasks (a run that never ends?)`);
        break;
      }
      const first = this.queue.shift()!;
      this.time = Math.max(this.time, first.at);
      if (first.kind === "callback") {
        await first.fn();
        continue;
      }
      // Everything else due now, up to maxParallel, goes at once; a call over its function's
      // concurrency limit (counting calls in flight) waits for the next batch.
      const batch: Task[] = [first];
      for (let i = 0; i < this.queue.length && batch.length < this.maxParallel; ) {
        const task = this.queue[i];
        if (task.at > this.time || task.kind === "callback") break;
        if (this.countSteps && this.overLimit(task.run, batch)) i++;
        else batch.push(...this.queue.splice(i, 1));
      }
      await Promise.all(batch.map((task) => this.perform(task)));
    }
    if (until !== undefined) this.time = Math.max(this.time, limit);
    this.assertClean();
  }

  /** Moves the clock to `time`, processing everything due by then. */
  advanceTo(time: Date | number) {
    return this.runUntilIdle({ until: time });
  }

  /** The runs of the function whose id is `fnId` or ends with "-<fnId>". */
  runsOf(fnId: string) {
    return this.runs.filter((r) => r.fnId === fnId || r.fnId.endsWith(`-${fnId}`));
  }

  // --- Runs ----------------------------------------------------------------------------------

  private startRun(fn: FunctionConfig, event: InngestEvent): Run {
    const run: Run = {
      id: this.newId(),
      fnId: fn.id,
      event,
      status: "queued",
      steps: {},
      stack: [],
      log: [],
      concurrencyKeys: this.concurrencyKeys(fn, event),
      requestVersion: VERSION_UNKNOWN,
    };
    this.runs.push(run);
    this.push({ kind: "start", run, at: this.time });
    return run;
  }

  private async perform(task: Task) {
    const { run } = task as Task & { run: Run };
    if (run.status === "completed" || run.status === "failed") return;
    switch (task.kind) {
      case "start":
        // Concurrency: the run waits, queued, while `limit` runs with its key are unfinished.
        if (this.blocked(run)) return;
        run.status = "running";
        run.startedAt = this.now();
        return this.call(run, "step", 0);
      case "wake":
        run.status = "running";
        run.log.push({ at: this.now(), kind: "wake", stepId: task.opId, displayName: task.displayName });
        this.memoize(run, task.opId, { type: "data", data: null });
        return this.call(run, "step", 0);
      case "call":
        return this.call(run, task.stepId, task.attempt);
    }
  }

  private maxAttempts(run: Run) {
    const fn = this.functions.get(run.fnId);
    const retries = fn ? Object.values(fn.steps)[0]?.retries?.attempts : undefined;
    return (retries ?? DEFAULT_RETRIES) + 1;
  }

  private stepUrl(run: Run, stepId: string) {
    const fn = this.functions.get(run.fnId);
    const url = new URL(fn ? Object.values(fn.steps)[0].runtime.url : this.appUrl);
    url.searchParams.set("fnId", run.fnId);
    url.searchParams.set("stepId", stepId);
    return url;
  }

  private fnUuid(fnId: string) {
    let uuid = this.fnUuids.get(fnId);
    if (!uuid) {
      const h = hashStepId(`fn:${fnId}`);
      uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
      this.fnUuids.set(fnId, uuid);
    }
    return uuid;
  }

  /** One executor request: build, sign, send, then act on the answer. */
  private async call(run: Run, stepId: string, attempt: number) {
    const info: CallInfo = { run, stepId, attempt, now: this.now() };
    run.log.push({ at: this.now(), kind: "call", stepId, attempt });
    if (this.hooks.failRequest?.(info)) {
      run.log.push({ at: this.now(), kind: "request-failed", stepId, attempt });
      return this.retry(run, stepId, attempt, { name: "Error", message: "the request to the app failed" });
    }
    // Checkpointing (as Inngest Cloud): only a discovery call carries fn_id and qi_id.
    const checkpoint = this.checkpointing && stepId === "step";
    const queueItem = this.newId();
    run.currentQueueItem = checkpoint ? queueItem : undefined;
    // A snapshot: the run's state moves on (checkpoints) while the call is in flight.
    const body = {
      event: run.event,
      events: [run.event],
      steps: structuredClone(run.steps),
      ctx: {
        run_id: run.id,
        attempt,
        max_attempts: this.maxAttempts(run),
        disable_immediate_execution: false,
        use_api: false,
        stack: { stack: [...run.stack], current: run.stack.length - 1 },
        ...(checkpoint ? { fn_id: this.fnUuid(run.fnId), qi_id: queueItem } : {}),
      },
      version: run.requestVersion,
    };
    this.validateRequest(body);
    const text = canonicalJson(body);
    const url = this.stepUrl(run, stepId);
    let res: Response;
    try {
      res = await this.app().POST(
        new Request(url, {
          method: "POST",
          body: text,
          headers: { "content-type": "application/json", "x-inngest-signature": signBody(text, this.options.signingKey) },
        }),
      );
    } catch (error) {
      return this.fail(run, `the serve handler threw: ${error instanceof Error ? error.stack : String(error)}`);
    } finally {
      run.currentQueueItem = undefined;
    }
    const raw = await res.text();
    const headers = Object.fromEntries(res.headers.entries());
    let parsed: unknown = raw;
    try {
      parsed = raw ? JSON.parse(raw) : null;
    } catch {
      // Not JSON: kept as text for the violation below.
    }
    this.exchanges.push({ runId: run.id, fnId: run.fnId, query: Object.fromEntries(url.searchParams), request: body, status: res.status, headers, response: parsed });
    run.log.push({ at: this.now(), kind: "call", stepId, attempt, status: res.status });
    if (res.status === 401) return this.fail(run, `the app refused a signed call (401): ${raw}`);
    this.checkResponseSignature(res, raw, `${run.fnId} call`);
    const version = Number(res.headers.get("x-inngest-req-version"));
    if (version === 1 || version === 2) run.requestVersion = version;

    const ops = res.status === 206 ? this.parseOps(run, parsed) : null;
    if (ops === undefined) return;
    if (this.hooks.loseResult?.({ ...info, status: res.status, ops })) {
      run.log.push({ at: this.now(), kind: "result-lost", stepId, attempt, status: res.status });
      return this.retry(run, stepId, attempt, { name: "Error", message: "the app's response was lost" });
    }
    const noRetry = res.headers.get("x-inngest-no-retry") === "true";
    const retryAfter = res.headers.get("retry-after");
    switch (res.status) {
      case 200:
        return this.finish(run, "completed", { output: parsed });
      case 206:
        return this.applyOps(run, stepId, attempt, ops!, retryAfter);
      case 400:
      case 500:
        // A function-level error: retried unless the SDK says it is final.
        if (noRetry) return this.finish(run, "failed", { error: parsed });
        return this.retry(run, stepId, attempt, parsed, retryAfter);
      default:
        return this.fail(run, `unexpected status ${res.status} from the app: ${raw}`);
    }
  }

  private parseOps(run: Run, body: unknown): OutgoingOp[] | undefined {
    if (!Array.isArray(body) || body.length === 0) {
      this.fail(run, `a 206 answer must be a non-empty array of ops, got ${JSON.stringify(body)}`);
      return undefined;
    }
    const ops: OutgoingOp[] = [];
    for (const raw of body) {
      const op = this.parseOp(run, raw);
      if (!op) return undefined;
      ops.push(op);
    }
    return ops;
  }

  private parseOp(run: Run, raw: unknown): OutgoingOp | undefined {
    const parsed = outgoingOpSchema.safeParse(raw);
    if (!parsed.success) {
      this.fail(run, `an op the harness does not understand: ${JSON.stringify(raw)} (${parsed.error.message})`);
      return undefined;
    }
    if (!(KNOWN_OPS as readonly string[]).includes(parsed.data.op)) {
      this.fail(run, `unknown op code ${parsed.data.op}: ${JSON.stringify(raw)}`);
      return undefined;
    }
    return parsed.data;
  }

  private applyOps(run: Run, stepId: string, attempt: number, ops: OutgoingOp[], retryAfter: string | null) {
    let continues = false;
    let needsDiscovery = false;
    for (const op of ops) {
      run.log.push({ at: this.now(), kind: "op", op: op.op, stepId: op.id, displayName: op.displayName, name: op.name });
      switch (op.op) {
        case StepOpCode.StepRun:
          this.memoize(run, op.id, { type: "data", data: op.data ?? null });
          needsDiscovery = true;
          break;
        case StepOpCode.StepFailed:
          // Final: the error is memoized and the function decides (it may catch it).
          this.memoize(run, op.id, { type: "error", error: this.parseError(run, op.error) });
          needsDiscovery = true;
          break;
        case StepOpCode.StepError: {
          // Retriable: the same step is requested again with the next attempt.
          const error = this.parseError(run, op.error);
          if (attempt + 1 >= this.maxAttempts(run)) {
            this.memoize(run, op.id, { type: "error", error });
            needsDiscovery = true;
          } else {
            this.retry(run, op.id, attempt, error, retryAfter);
            continues = true;
          }
          break;
        }
        case StepOpCode.StepPlanned:
          this.push({ kind: "call", run, stepId: op.id, attempt: 0, at: this.time });
          continues = true;
          break;
        case StepOpCode.Sleep: {
          const until = this.sleepTarget(run, op);
          if (until === undefined) return;
          const offset = this.hooks.wakeOffsetMs?.({ run, stepId: op.id, displayName: op.displayName, until: new Date(until) }) ?? 0;
          run.status = "sleeping";
          this.push({ kind: "wake", run, opId: op.id, displayName: op.displayName, at: Math.max(this.time, until + offset) });
          continues = true;
          break;
        }
        case StepOpCode.RunComplete:
          return this.finish(run, "completed", { output: op.data ?? null });
      }
    }
    if (needsDiscovery && !continues) this.push({ kind: "call", run, stepId: "step", attempt: 0, at: this.time });
    else if (!continues && !needsDiscovery) this.fail(run, `a 206 answer to ${stepId} that neither continues nor ends the run`);
  }

  private sleepTarget(run: Run, op: OutgoingOp): number | undefined {
    const name = op.name ?? "";
    // sleepUntil sends an ISO time; sleep sends a duration ("5s", "1m30s", "1000ms").
    if (/^\d{4}-\d{2}-\d{2}T/.test(name) && !Number.isNaN(Date.parse(name))) return Date.parse(name);
    const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
    const parts = [...name.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g)];
    if (parts.length && parts.map((p) => p[0]).join("") === name) {
      return this.time + parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit], 0);
    }
    this.fail(run, `a Sleep whose target the harness cannot read: ${JSON.stringify(op)}`);
    return undefined;
  }

  private parseError(run: Run, error: unknown) {
    const parsed = jsonErrorSchema.safeParse(error);
    if (!parsed.success) this.violation(`${run.fnId}: an error that is not the SDK's JSON error: ${JSON.stringify(error)}`);
    return error;
  }

  private memoize(run: Run, id: string, state: Run["steps"][string]) {
    const check = incomingOpSchema.safeParse({ id, ...state });
    if (!check.success) this.violation(`${run.fnId}: memoized state the SDK would not accept: ${check.error.message}`);
    if (!(id in run.steps)) run.stack.push(id);
    run.steps[id] = state;
  }

  private retry(run: Run, stepId: string, attempt: number, error: unknown, retryAfter?: string | null) {
    if (attempt + 1 >= this.maxAttempts(run)) return this.finish(run, "failed", { error });
    const wait = retryAfter ? this.retryAfterMs(retryAfter) : this.backoff(attempt + 1);
    run.log.push({ at: this.now(), kind: "retry-scheduled", stepId, attempt: attempt + 1 });
    this.push({ kind: "call", run, stepId, attempt: attempt + 1, at: this.time + wait });
  }

  private retryAfterMs(value: string) {
    if (/^\d+$/.test(value)) return Number(value) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? this.backoff(1) : Math.max(0, at - this.time);
  }

  private finish(run: Run, status: "completed" | "failed", result: { output?: unknown; error?: unknown }) {
    if (run.status === "completed" || run.status === "failed") return;
    run.status = status;
    run.endedAt = this.now();
    if (status === "completed") run.output = result.output;
    else run.error = result.error;
    run.log.push({ at: this.now(), kind: "finished" });
    if (status === "failed") {
      // What Inngest emits for a failed run; onFailure handlers are functions triggered by it.
      const error = jsonErrorSchema.parse(result.error ?? {});
      this.ingest({ name: "inngest/function.failed", data: { function_id: run.fnId, run_id: run.id, error, event: run.event } });
    }
    this.releaseQueued();
  }

  /** A protocol violation inside a run: recorded, and the run ends failed. */
  private fail(run: Run, message: string) {
    this.violation(`${run.fnId} run ${run.id}: ${message}`);
    this.finish(run, "failed", { error: { name: "HarnessError", message } });
  }

  // --- Concurrency ---------------------------------------------------------------------------

  private concurrencyKeys(fn: FunctionConfig, event: InngestEvent): string[] {
    const raw = fn.concurrency;
    const options: ConcurrencyOption[] = raw === undefined ? [] : typeof raw === "number" ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw];
    return options.map((o) => {
      const scope = o.scope === "env" || o.scope === "account" ? o.scope : fn.id;
      const value = o.key ? this.evaluate(o.key, event, fn.id) : "";
      return JSON.stringify([scope, o.key ?? "", value, o.limit]);
    });
  }

  private overLimit(run: Run, batch: Task[]): boolean {
    return run.concurrencyKeys.some((key) => {
      const limit = (JSON.parse(key) as unknown[])[3] as number;
      return batch.filter((t) => t.kind !== "callback" && t.run !== run && t.run.concurrencyKeys.includes(key)).length >= limit;
    });
  }

  private blocked(run: Run): boolean {
    if (this.countSteps) return false;
    for (const key of run.concurrencyKeys) {
      const limit = (JSON.parse(key) as unknown[])[3] as number;
      const active = this.runs.filter((r) => r !== run && (r.status === "running" || r.status === "sleeping") && r.concurrencyKeys.includes(key)).length;
      if (active >= limit) return true;
    }
    return false;
  }

  private releaseQueued() {
    for (const run of this.runs) {
      if (run.status !== "queued" || this.queue.some((t) => t.kind === "start" && t.run === run)) continue;
      if (!this.blocked(run)) this.push({ kind: "start", run, at: this.time });
    }
  }

  // --- Expressions (the small subset functions register) ----------------------------------------

  private evaluate(expression: string, event: InngestEvent, fnId: string): unknown {
    const path = /^event((?:\.[A-Za-z_$][\w$]*)+)$/.exec(expression.trim());
    if (!path) {
      this.violation(`${fnId}: an expression the harness cannot evaluate: ${expression}`);
      return undefined;
    }
    let value: unknown = event;
    for (const part of path[1].slice(1).split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[part] : undefined;
    return value;
  }

  /** Trigger expressions: `a == b` / `a != b` terms joined by `&&`, terms being event paths or literals. */
  private matches(expression: string | undefined, event: InngestEvent, fnId: string): boolean {
    if (!expression) return true;
    return expression.split("&&").every((term) => {
      const m = /^\s*(.+?)\s*(==|!=)\s*(.+?)\s*$/.exec(term);
      if (!m) {
        this.violation(`${fnId}: an expression the harness cannot evaluate: ${expression}`);
        return false;
      }
      const operand = (s: string): unknown => {
        const quoted = /^'(.*)'$|^"(.*)"$/.exec(s);
        if (quoted) return quoted[1] ?? quoted[2];
        if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
        if (s === "true" || s === "false" || s === "null") return JSON.parse(s);
        return this.evaluate(s, event, fnId);
      };
      const equal = operand(m[1]) === operand(m[3]);
      return m[2] === "==" ? equal : !equal;
    });
  }

  // --- The fake API ----------------------------------------------------------------------------

  private async serveApi(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "").split("?")[0];
    const method = req.method ?? "";
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // Recorded as text.
    }
    const answer = (status: number, json: unknown) => {
      this.apiCalls.push({ method, path, body, status });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(json));
    };
    const authorized = () => req.headers.authorization === `Bearer ${hashedSigningKey(this.options.signingKey)}`;

    const eventPath = /^\/e\/([^/]+)$/.exec(path);
    if (method === "POST" && eventPath) {
      if (decodeURIComponent(eventPath[1]) !== this.options.eventKey) return answer(401, { error: "Event key not found", status: 401 });
      const events = Array.isArray(body) ? body : [body];
      if (this.hooks.eventApiFails?.({ events, now: this.now() })) return answer(500, { error: "injected failure", status: 500 });
      const ids: string[] = [];
      for (const raw of events) {
        const parsed = sentEventSchema.safeParse(raw);
        if (!parsed.success) {
          this.violation(`an event the harness does not understand: ${JSON.stringify(raw)} (${parsed.error.message})`);
          return answer(400, { error: "invalid event", status: 400 });
        }
        ids.push(this.ingest(parsed.data as EventInput).internalId);
      }
      return answer(200, { ids, status: 200 });
    }

    const checkpointPath = /^\/v1\/checkpoint\/([^/]+)\/async$/.exec(path);
    if (method === "POST" && checkpointPath) {
      if (!authorized()) {
        this.violation(`a checkpoint without the signing key's bearer token`);
        return answer(401, { error: "unauthorized", status: 401 });
      }
      return this.checkpoint(decodeURIComponent(checkpointPath[1]), body, answer);
    }

    if (method === "POST" && path === "/fn/register") {
      if (!authorized()) {
        this.violation(`a registration without the signing key's bearer token`);
        return answer(401, { error: "unauthorized", status: 401 });
      }
      this.register("out_of_band", body as Record<string, unknown>);
      return answer(200, { ok: true, modified: true });
    }

    this.violation(`the SDK called ${method} ${path}, which the fake Inngest does not serve: ${text.slice(0, 500)}`);
    return answer(404, { error: `not found: ${method} ${path}`, status: 404 });
  }

  private checkpoint(runId: string, body: unknown, answer: (status: number, json: unknown) => void) {
    const parsed = checkpointBodySchema.safeParse(body);
    const run = this.runs.find((r) => r.id === runId);
    if (!parsed.success || !run) {
      this.violation(`a checkpoint the harness does not understand (run ${runId}): ${JSON.stringify(body)}`);
      return answer(400, { error: "invalid checkpoint", status: 400 });
    }
    if (parsed.data.run_id !== runId || parsed.data.fn_id !== this.fnUuid(run.fnId)) {
      this.violation(`a checkpoint for run ${runId} naming another run or function: ${JSON.stringify(body)}`);
      return answer(400, { error: "invalid checkpoint", status: 400 });
    }
    // Only the call in flight may checkpoint; Inngest answers a stale one 409.
    if (parsed.data.qi_id !== run.currentQueueItem) return answer(409, { error: "stale dispatch", status: 409 });
    const ops: OutgoingOp[] = [];
    for (const raw of parsed.data.steps) {
      const op = this.parseOp(run, raw);
      if (!op) return answer(400, { error: "invalid op", status: 400 });
      ops.push(op);
    }
    if (this.hooks.checkpointFails?.({ run, ops })) return answer(500, { error: "injected failure", status: 500 });
    for (const op of ops) {
      run.log.push({ at: this.now(), kind: "checkpoint", op: op.op, stepId: op.id, displayName: op.displayName });
      if (op.op === StepOpCode.StepRun) this.memoize(run, op.id, { type: "data", data: op.data ?? null });
      else if (op.op === StepOpCode.RunComplete) this.finish(run, "completed", { output: op.data ?? null });
      else {
        this.fail(run, `op ${op.op} in a checkpoint, which the harness does not expect there`);
        return answer(400, { error: "unexpected op", status: 400 });
      }
    }
    return answer(200, {});
  }

  // --- Helpers ---------------------------------------------------------------------------------

  private app(): ServeHandlers {
    if (!this.handlers) throw new Error("connect(handlers) first");
    return this.handlers;
  }

  private validateRequest(body: unknown) {
    const parsed = requestBodySchema.safeParse(body);
    if (!parsed.success) throw new Error(`the harness built a request the SDK would not parse: ${parsed.error.message}`);
    for (const [id, state] of Object.entries(parsed.data.steps)) {
      const check = incomingOpSchema.safeParse({ id, ...(state as object) });
      if (!check.success) throw new Error(`memoized step ${id} is not an incoming op: ${check.error.message}`);
    }
  }

  /** The SDK signs its answers to signed calls with the same key; Inngest checks that. */
  private checkResponseSignature(res: Response, body: string, what: string) {
    const header = res.headers.get("x-inngest-signature");
    if (!header) return this.violation(`${what}: the answer (${res.status}) is not signed`);
    const params = new URLSearchParams(header);
    const expected = signBody(body, this.options.signingKey, Number(params.get("t"))).split("&s=")[1];
    const got = params.get("s") ?? "";
    if (got.length !== expected.length || !timingSafeEqual(Buffer.from(got), Buffer.from(expected))) {
      this.violation(`${what}: the answer's signature does not match its body`);
    }
  }

  private violation(message: string) {
    this.violations.push(message);
  }

  private push(task: NewTask) {
    const full = { ...task, seq: this.seq++ } as Task;
    // Sorted by time, then by when it was scheduled (stable).
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1].at > full.at || (this.queue[i - 1].at === full.at && this.queue[i - 1].seq > full.seq))) i--;
    this.queue.splice(i, 0, full);
  }

  /** Deterministic, ULID-shaped ids (26 characters of Crockford base32), unique across kinds. */
  private newId() {
    const digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let n = ++this.ids;
    let out = "";
    while (n > 0) {
      out = digits[n % 32] + out;
      n = Math.floor(n / 32);
    }
    return `01J${out.padStart(23, "0")}`;
  }
}
