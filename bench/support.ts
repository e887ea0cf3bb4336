// What the benchmarks share: the receiver in its own process, scratch PostgreSQL databases,
// CPU accounting of this process and of the database backends serving it, and percentiles.
// See docs/PERFORMANCE.md.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { openPostgres, type OpenedDatabase } from "../lib/db";

export const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

export function rate(count: number, ms: number) {
  return Math.round((count / ms) * 1000);
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Receiver {
  url: string;
  /** Event accepted → request received, in ms, for requests to paths under /latency. */
  latencies: number[];
  stop(): void;
}

/** bench/receiver.mjs in its own process: answers every POST with 200. */
export async function startReceiver(): Promise<Receiver> {
  const child = fork(join(import.meta.dirname, "receiver.mjs"), { stdio: "inherit" });
  const latencies: number[] = [];
  const port = await new Promise<number>((resolve) =>
    child.on("message", (m: { port?: number; latencyMs?: number }) => {
      if (m.port) resolve(m.port);
      if (m.latencyMs !== undefined) latencies.push(m.latencyMs);
    }),
  );
  return { url: `http://127.0.0.1:${port}`, latencies, stop: () => child.kill() };
}

export interface ScratchDatabase {
  name: string;
  url: string;
  opened: OpenedDatabase;
  drop(): Promise<void>;
}

/** One statement on the server of `databaseUrl` (CREATE/DROP DATABASE), on its own connection. */
export async function adminQuery(databaseUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server of `databaseUrl`, named `{prefix}_{random}`; `drop()` removes it even if still connected. */
export async function emptyDatabase(prefix: string, databaseUrl = PG_URL) {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(databaseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => adminQuery(databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A new PostgreSQL database, migrated and opened; `drop()` closes and removes it. */
export async function scratchPostgres(prefix = "cc_bench", pool = 8): Promise<ScratchDatabase> {
  const empty = await emptyDatabase(prefix);
  const opened = await openPostgres(empty.url, { max: pool });
  return {
    name: empty.name,
    url: empty.url,
    opened,
    drop: async () => {
      await opened.close();
      await empty.drop();
    },
  };
}

const CLOCK_TICKS_US = 10_000; // /proc stat times are in 1/100 s on Linux

/** CPU µs used so far by the processes whose command line matches (Linux /proc; 0 elsewhere). */
function processCpuUs(match: (cmdline: string) => boolean): number {
  let total = 0;
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      if (!match(readFileSync(`/proc/${pid}/cmdline`, "utf8"))) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      total += (Number(fields[11]) + Number(fields[12])) * CLOCK_TICKS_US;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/**
 * A CPU meter: this process (every thread) plus, for PostgreSQL, the backends connected to
 * `database` (their command line names it). The receiver's CPU is not counted.
 */
export function cpuMeter(database?: string) {
  const backends = () => (database ? processCpuUs((cmd) => cmd.startsWith("postgres") && cmd.includes(` ${database} `)) : 0);
  const start = { own: process.cpuUsage(), db: backends() };
  return () => {
    const own = process.cpuUsage(start.own);
    return { processUs: own.user + own.system, databaseUs: backends() - start.db };
  };
}

/** Samples this process's resident set size until stopped; returns the peak in MB. */
export function rssSampler(everyMs = 50) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return () => {
    clearInterval(timer);
    return Math.round(Math.max(peak, process.memoryUsage.rss()) / (1024 * 1024));
  };
}
