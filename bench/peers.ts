// Peers for `npm run bench`: what a team would build webhooks on instead of Control Center,
// doing the same work as our delivery pipeline — a stored 1 KB event, signed by our one signer,
// POSTed to the same local receiver with 64 requests in flight — so the bench can print each
// as a ratio of the raw HTTP ceiling measured in the same run. Figures only; see
// docs/PERFORMANCE.md. Run alone: `npx tsx --conditions=react-server bench/peers.ts`.
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { pathToFileURL } from "node:url";
import { Queue, Worker } from "bullmq";
import { Logger, run, runMigrations, type Runner, type WorkerEvents } from "graphile-worker";
import { Redis } from "ioredis";
import pg from "pg";
import { Pool } from "undici";
import { generateSigningSecret, signatureHeaders } from "../lib/webhooks/sign";
import { emptyDatabase, PG_URL, rate, startReceiver } from "./support";

export interface PeerResult {
  perSec: number;
  jobs: number;
}

/** What a user's events table would hold: the same shape and size as the bench's 1 KB body. */
interface StoredEvent {
  id: string;
  type: string;
  data: { padding: string };
}

const CHUNK = 1000;

function messageOf(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}

/** Every error leaving a peer names it, since the caller prints it as "skipped: <message>". */
function peerError(peer: string, error: unknown) {
  return error instanceof Error && error.message.startsWith(`${peer}:`) ? error : new Error(`${peer}: ${messageOf(error)}`);
}

function storedEvents(jobs: number): StoredEvent[] {
  const batch = randomBytes(4).toString("hex");
  return Array.from({ length: jobs }, (_, i) => ({ id: `evt_${batch}_${i}`, type: "build.succeeded", data: { padding: "x".repeat(900) } }));
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

/** One keep-alive pool and one secret shared by every job, as a user's delivery worker would hold them. */
function signedPoster(receiverUrl: string, connections: number) {
  const target = new URL(receiverUrl);
  const pool = new Pool(target.origin, { connections });
  const path = `${target.pathname}${target.search}`;
  const secret = generateSigningSecret();
  return {
    async post(msgId: string, event: StoredEvent) {
      const body = JSON.stringify(event);
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = signatureHeaders({ msgId, timestamp, body, secrets: [secret], eventType: event.type, headerPrefix: "X-Webhook-" });
      const res = await pool.request({ path, method: "POST", headers: { "content-type": "application/json", ...headers }, body });
      await res.body.dump();
      // Throwing is how both libraries record a failed delivery.
      if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`receiver answered ${res.statusCode}`);
    },
    close: () => pool.close(),
  };
}

/**
 * Counts first attempts settled (delivered or failed) until `total`; rejects on a library error,
 * on any failed delivery (a figure over failed POSTs is not comparable) or after a deadline
 * generous enough for a busy 2-core box (1,000 jobs/s plus a minute).
 */
function settledAttempts(peer: string, total: number) {
  let delivered = 0;
  let failed = 0;
  let firstFailure = "";
  let finish: () => void = () => {};
  let abort: (error: Error) => void = () => {};
  const deadlineMs = 60_000 + total;
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    abort = reject;
    timer = setTimeout(() => reject(new Error(`${peer}: ${delivered + failed} of ${total} jobs settled within ${deadlineMs / 1000} s`)), deadlineMs);
  }).finally(() => clearTimeout(timer));
  const check = () => {
    if (delivered + failed < total) return;
    if (failed > 0) abort(new Error(`${peer}: ${failed} of ${total} deliveries failed (first: ${firstFailure})`));
    else finish();
  };
  return {
    done,
    delivered: () => {
      delivered++;
      check();
    },
    failed: (error: unknown) => {
      if (failed++ === 0) firstFailure = messageOf(error);
      check();
    },
    broke: (error: unknown) => abort(new Error(`${peer}: ${messageOf(error)}`)),
  };
}

/** BullMQ retries its connection forever; a quick ping turns "Redis is down" into a clear error. */
async function assertRedisReachable(redisUrl: string) {
  const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // connect() only rejects with "Connection is closed."; the socket error says why.
  let cause: unknown;
  client.on("error", (error) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`BullMQ: Redis unreachable at ${new URL(redisUrl).host} (${messageOf(cause ?? error)})`);
  } finally {
    client.disconnect();
  }
}

/**
 * BullMQ 6 on Redis: enqueue every job first, then time one Worker (64 concurrent jobs) from start
 * until every job has settled. Jobs use BullMQ's defaults, so completed ones are kept in Redis —
 * the delivery log a user would keep, and the write our pipeline also does (it records every attempt).
 */
export async function bullmqPeer(opts: { receiverUrl: string; redisUrl: string; jobs: number; concurrency?: number }): Promise<PeerResult> {
  const { receiverUrl, redisUrl, jobs, concurrency = 64 } = opts;
  await assertRedisReachable(redisUrl);
  const runId = randomBytes(4).toString("hex");
  const name = `deliveries-${runId}`;
  const prefix = `cc-bench-peer-${runId}`;
  const connection = { url: redisUrl };
  const attempts = settledAttempts("BullMQ", jobs);
  const queue = new Queue<StoredEvent>(name, { connection, prefix });
  queue.on("error", attempts.broke);
  const poster = signedPoster(receiverUrl, concurrency);
  let worker: Worker<StoredEvent> | undefined;
  try {
    for (const chunk of chunks(storedEvents(jobs))) await queue.addBulk(chunk.map((event) => ({ name: event.type, data: event })));
    worker = new Worker<StoredEvent>(name, (job) => poster.post(job.id ?? job.data.id, job.data), { connection, prefix, concurrency, autorun: false });
    worker.on("completed", attempts.delivered);
    worker.on("failed", (_job, error) => attempts.failed(error));
    worker.on("error", attempts.broke);
    await worker.waitUntilReady();
    const started = performance.now();
    worker.run().catch(attempts.broke);
    await attempts.done;
    return { perSec: rate(jobs, performance.now() - started), jobs };
  } catch (error) {
    throw peerError("BullMQ", error);
  } finally {
    await worker?.close().catch(() => {});
    // Obliterate needs the worker gone (no active jobs); it deletes every key under the queue.
    await queue.obliterate({ force: true }).catch((error) => console.error(`BullMQ cleanup: ${messageOf(error)}`));
    await queue.close().catch(() => {});
    await poster.close();
  }
}

async function scratchDatabase(databaseUrl: string) {
  try {
    return await emptyDatabase("cc_bench_peer", databaseUrl);
  } catch (error) {
    throw new Error(`Graphile Worker: cannot create a scratch database on ${new URL(databaseUrl).host} (${messageOf(error)})`);
  }
}

/** WorkerUtils in 0.16 only adds one job per call; the SQL `add_jobs` takes a batch in one statement. */
async function addGraphileJobs(databaseUrl: string, task: string, events: StoredEvent[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const chunk of chunks(events)) {
      const specs = JSON.stringify(chunk.map((payload) => ({ identifier: task, payload })));
      await client.query(
        `select count(*) from graphile_worker.add_jobs(
           array(select json_populate_record(null::graphile_worker.job_spec, spec) from json_array_elements($1::json) as spec))`,
        [specs],
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Graphile logs every job; keep only its first few errors so the bench output stays readable.
 * Failed tasks are left out: the peer already reports them in the error it throws.
 */
function quietLogger() {
  let shown = 0;
  return new Logger(() => (level, message) => {
    if (level === "error" && !message.startsWith("Failed task") && shown++ < 3) console.error(`graphile-worker: ${message}`);
  });
}

/**
 * Graphile Worker 0.16 on PostgreSQL, in a scratch database dropped afterwards: enqueue every job
 * first, then time `run()` (64 concurrent jobs) from start until every job's first attempt has settled.
 */
export async function graphilePeer(opts: { receiverUrl: string; databaseUrl: string; jobs: number; concurrency?: number }): Promise<PeerResult> {
  const { receiverUrl, databaseUrl, jobs, concurrency = 64 } = opts;
  const scratch = await scratchDatabase(databaseUrl);
  const poster = signedPoster(receiverUrl, concurrency);
  const logger = quietLogger();
  // The bench owns the pool, so it is closed before the scratch database is dropped; a client
  // that was idle when it is dropped anyway is expected to end, not to crash the bench. Workers
  // only borrow a connection to fetch and complete jobs; a few spare for LISTEN and bursts.
  const pgPool = new pg.Pool({ connectionString: scratch.url, max: concurrency + 4 });
  pgPool.on("error", () => {});
  let runner: Runner | undefined;
  try {
    await runMigrations({ pgPool, logger });
    await addGraphileJobs(scratch.url, "deliver", storedEvents(jobs));
    const attempts = settledAttempts("Graphile Worker", jobs);
    const events: WorkerEvents = new EventEmitter();
    events.on("job:success", attempts.delivered);
    events.on("job:error", ({ error }) => attempts.failed(error));
    const started = performance.now();
    runner = await run({
      pgPool,
      concurrency,
      noHandleSignals: true,
      pollInterval: 50,
      logger,
      events,
      taskList: { deliver: (payload, helpers) => poster.post(helpers.job.id, payload as StoredEvent) },
    });
    runner.promise.catch(attempts.broke);
    await attempts.done;
    return { perSec: rate(jobs, performance.now() - started), jobs };
  } catch (error) {
    throw peerError("Graphile Worker", error);
  } finally {
    await runner?.stop().catch(() => {});
    await runner?.promise.catch(() => {});
    await poster.close();
    await pgPool.end().catch(() => {});
    await scratch.drop().catch((error) => console.error(`Graphile Worker cleanup: ${messageOf(error)}`));
  }
}

async function runAlone(jobs: number) {
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const databaseUrl = PG_URL;
  const receiver = await startReceiver();
  try {
    const peers = [
      ["BullMQ         ", () => bullmqPeer({ receiverUrl: `${receiver.url}/bullmq`, redisUrl, jobs })],
      ["Graphile Worker", () => graphilePeer({ receiverUrl: `${receiver.url}/graphile`, databaseUrl, jobs })],
    ] as const;
    for (const [label, measure] of peers) {
      try {
        const r = await measure();
        console.log(`${label} ${r.perSec.toLocaleString()} deliveries/s (${r.jobs.toLocaleString()} signed 1 KB POSTs, 64 in flight)`);
      } catch (error) {
        console.log(`${label} skipped: ${messageOf(error)}`);
      }
    }
  } finally {
    receiver.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runAlone(8000);
