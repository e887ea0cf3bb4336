// The trigger API for `npm run bench`, measured through the real production server (`node
// scripts/start.mjs`, which builds when the sources changed) on PostgreSQL: signed CI triggers
// spread over 1,000 projects, refusals of one project over its limit, and signed GitHub pushes.
// Figures only; see docs/PERFORMANCE.md. Run alone: `npx tsx --conditions=react-server bench/trigger.ts`.
//
// The one limit that shapes the method is the product's own: 10 triggers per minute per project,
// the trigger endpoint and the GitHub receiver together (docs/triggers.md#rate-limit), counted in
// fixed clock-minute windows. Every accepted call therefore goes to a project with room: the
// trigger and GitHub phases each use their own projects, at most 8 calls per project.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { sign } from "@octokit/webhooks-methods";
import { Pool, type Dispatcher } from "undici";
import { systemActor } from "../lib/audit";
import { SecretBox } from "../lib/crypto";
import { newId, openPostgres, type Db } from "../lib/db";
import { newProjectSecret } from "../lib/projects";
import { putTriggerRules, triggerRule, triggerSignature, TRIGGERS_PER_MINUTE } from "../lib/triggers";
import { pushPayload } from "../tests/triggers/fixtures";
import { emptyDatabase } from "./support";

export interface TriggerBenchResult {
  /**
   * The server's floor: calls/s of the cheapest answer a route handler gives, a call without
   * credentials refused (401) before any query. What Next.js itself costs per call on this
   * machine; every figure below is at most this.
   */
  floorRps: number;
  triggerRps: number;
  triggerP99Ms: number;
  triggerP50Ms: number;
  refusalRps: number;
  githubPushRps: number;
  githubP99Ms: number;
  projects: number;
  /**
   * CPU time per counted call of the server's processes and of the PostgreSQL backends serving
   * its database (Linux; 0 elsewhere): steadier than rates on a shared machine.
   */
  cpuMsPerCall: Record<"floor" | "trigger" | "refusal" | "github", CpuMs>;
  /** Calls that did not answer as the phase expects (2xx, 429, a queued push): all should be 0. */
  unexpected: { trigger: number; refusal: number; github: number };
}

const IN_FLIGHT = 64;
const TRIGGER_PROJECTS = 1000;
/** Under the limit of 10, so a project never refuses even when a phase starts mid-window. */
const CALLS_PER_PROJECT = 8;
const REFUSAL_CALLS = 3000;
const FLOOR_CALLS = 5000;
const GITHUB_PROJECTS = 250;
const BUILD_AND_START_MS = 6 * 60_000;
const ROOT = join(import.meta.dirname, "..");

export interface CpuMs {
  server: number;
  database: number;
}

interface SeededProject {
  id: string;
  triggerSecret: string;
  githubSecret: string;
}

interface Phase {
  accepted: number;
  latenciesMs: number[];
  elapsedMs: number;
  unexpected: number;
  firstProblem: string | null;
  cpuMs: CpuMs;
}

function cpuPerCall(phase: Phase): CpuMs {
  const per = (ms: number) => (phase.accepted ? Math.round((ms / phase.accepted) * 100) / 100 : 0);
  return { server: per(phase.cpuMs.server), database: per(phase.cpuMs.database) };
}
const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);

function percentile(sortedMs: number[], p: number) {
  if (sortedMs.length === 0) return 0;
  return Math.round(sortedMs[Math.min(sortedMs.length - 1, Math.ceil(p * sortedMs.length) - 1)] * 10) / 10;
}


/**
 * One organization (projects have no per-organization cap) with `count` projects, inserted in
 * one batch the way createProject stores them: fresh secrets, encrypted with the server's key.
 * createProject itself would also publish and audit each one, which the bench does not need.
 */
async function seedProjects(db: Db, box: SecretBox, count: number): Promise<SeededProject[]> {
  const orgId = newId("org");
  await db.organization.create({ data: { id: orgId, name: "Trigger bench", slug: `trigger-bench-${randomBytes(4).toString("hex")}` } });
  const projects = Array.from({ length: count }, () => ({ id: newId("proj"), triggerSecret: newProjectSecret("trigger"), githubSecret: newProjectSecret("github") }));
  await db.project.createMany({
    data: projects.map((p, i) => ({
      id: p.id,
      organizationId: orgId,
      name: `Plugin ${i}`,
      slug: `plugin-${i}`,
      defaultBranch: "main",
      defaultPlatforms: ["macos", "windows"],
      defaultFormats: ["vst3", "au"],
      triggerSecretEncrypted: box.encrypt(p.triggerSecret),
      githubSecretEncrypted: box.encrypt(p.githubSecret),
    })),
  });
  return projects;
}

/** A push rule for main and Source/**, saved through the same function as the API, 8 projects at a time. */
async function seedPushRules(db: Db, projects: SeededProject[]) {
  const orgId = (await db.project.findUniqueOrThrow({ where: { id: projects[0].id } })).organizationId;
  const rule = triggerRule.parse({ trigger: "push", branches: ["main"], paths: { include: ["Source/**"] }, build_config: {} });
  for (let i = 0; i < projects.length; i += 8) {
    await Promise.all(projects.slice(i, i + 8).map((p) => putTriggerRules(db, orgId, p.id, [rule], systemActor)));
  }
}

/** Kernel clock ticks (USER_HZ, 100 on Linux) to milliseconds. */
const TICK_MS = 10;

/**
 * CPU time (ms) used so far by the processes of group `pgid` and by the PostgreSQL backends
 * serving `databaseName` (their process title names the database), from /proc; 0 where there is none.
 */
/** A PostgreSQL backend's process title: "postgres: user database host(port) state". */
const isBackendOf = (title: string, databaseName: string) => title.startsWith("postgres: ") && title.includes(` ${databaseName} `);

function cpuMsOf(pgid: number, databaseName: string): CpuMs {
  const used = { server: 0, database: 0 };
  let pids: string[] = [];
  try {
    pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return used;
  }
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      if (Number(fields[2]) === pgid) used.server += ms;
      else if (isBackendOf(readFileSync(`/proc/${pid}/cmdline`, "utf8"), databaseName)) used.database += ms;
    } catch {
      // The process ended meanwhile.
    }
  }
  return used;
}

/** The server's tree (start.mjs and `next start`) runs in its own process group, so one signal ends all of it. */
function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return Promise.resolve();
  const exited = once(child, "exit").then(() => undefined);
  process.kill(-child.pid, "SIGTERM");
  const kill = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
  return exited.finally(() => clearTimeout(kill));
}

async function portAnswers(origin: string) {
  try {
    await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * `node scripts/start.mjs` on the scratch database, as an operator runs it: the defaults of
 * DATABASE_URL (no demo seed, no demo runner, embedded delivery worker, rate limits in the
 * database). REDIS_URL and Inngest settings of the caller's shell are left out so the run
 * measures those defaults. Resolves once GET /api/health answers 200.
 */
async function startServer(port: number, databaseUrl: string, databaseName: string, encryptionKey: string) {
  const origin = `http://127.0.0.1:${port}`;
  if (await portAnswers(origin)) throw new Error(`port ${port} is already in use`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    APP_ENCRYPTION_KEY: encryptionKey,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    SEED_DEMO: "0",
    DEMO_RUNNER: "0",
  };
  for (const name of Object.keys(env)) if (/^(INNGEST_|REDIS_URL$|NODE_ENV$)/.test(name)) delete env[name];
  const child = spawn(process.execPath, [join(ROOT, "scripts", "start.mjs")], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  // A bench killed midway must not leave a server behind on the port.
  // Detached, it would not get the terminal's Ctrl-C either.
  const killOnExit = () => {
    if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  };
  const killOnSignal = () => {
    killOnExit();
    process.exit(130);
  };
  process.once("exit", killOnExit);
  process.once("SIGINT", killOnSignal);
  process.once("SIGTERM", killOnSignal);
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      if (line.startsWith("[control-center]") && line.includes("next build")) console.log(`  ${line}`);
      tail.push(line);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const stop = () =>
    stopServer(child).finally(() => {
      process.off("exit", killOnExit);
      process.off("SIGINT", killOnSignal);
      process.off("SIGTERM", killOnSignal);
    });
  const launched = performance.now();
  try {
    const deadline = Date.now() + BUILD_AND_START_MS;
    while (true) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
      const res = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
      if (res?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`GET /api/health did not answer 200 within ${BUILD_AND_START_MS / 60_000} min`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : error}; the server's last lines:\n${tail.join("\n")}`);
  }
  console.log(`  server ready in ${Math.round((performance.now() - launched) / 1000)} s`);
  const pgid = child.pid ?? -1;
  return { origin, stop, cpuMs: () => cpuMsOf(pgid, databaseName) };
}

/**
 * `calls` requests, `inFlight` at a time, each made (and signed) by `request(i)` before its clock
 * starts, so latency is the server's answer time as a client sees it, signing excluded.
 */
async function runPhase(
  pool: Pool,
  calls: number,
  inFlight: number,
  request: (i: number) => Promise<Dispatcher.RequestOptions> | Dispatcher.RequestOptions,
  accepted: (status: number, body: string) => boolean,
): Promise<Phase> {
  const phase: Phase = { accepted: 0, latenciesMs: [], elapsedMs: 0, unexpected: 0, firstProblem: null, cpuMs: { server: 0, database: 0 } };
  let next = 0;
  const client = async () => {
    while (next < calls) {
      const options = await request(next++);
      const started = performance.now();
      try {
        const res = await pool.request(options);
        const body = await res.body.text();
        const ms = performance.now() - started;
        if (accepted(res.statusCode, body)) {
          phase.accepted++;
          phase.latenciesMs.push(ms);
        } else {
          phase.unexpected++;
          phase.firstProblem ??= `${res.statusCode} ${body.slice(0, 300)}`;
        }
      } catch (error) {
        phase.unexpected++;
        phase.firstProblem ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, client));
  phase.elapsedMs = performance.now() - started;
  phase.latenciesMs.sort((a, b) => a - b);
  return phase;
}

/** A signed CI trigger as docs/triggers.md#manual-trigger describes it; `nonce` makes each body (so each signature) unique. */
function signedTrigger(project: SeededProject, nonce: number): Dispatcher.RequestOptions {
  const body = JSON.stringify({ ref: "refs/heads/main", commit_sha: nonce.toString(16).padStart(40, "0"), platforms: ["macos", "windows"], formats: ["vst3", "au"], release_type: "patch" });
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    path: `/api/v1/projects/${project.id}/trigger`,
    method: "POST",
    headers: { "content-type": "application/json", "x-timestamp": String(timestamp), "x-signature": triggerSignature(project.triggerSecret, timestamp, body) },
    body,
  };
}

/** A signed GitHub push of Source/ on main with a unique head commit and delivery id, so neither duplicate check answers it. */
async function signedPush(project: SeededProject, nonce: number): Promise<Dispatcher.RequestOptions> {
  const body = JSON.stringify({ ...pushPayload({ commits: [{ modified: ["Source/PluginProcessor.cpp"], message: `Bench push ${nonce}` }] }), after: nonce.toString(16).padStart(40, "0") });
  return {
    path: `/api/integrations/github/${project.id}`,
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": randomUUID(), "x-hub-signature-256": await sign(project.githubSecret, body) },
    body,
  };
}

const is2xx = (status: number) => status >= 200 && status < 300;
function queuedOneBuild(status: number, body: string) {
  if (status !== 200) return false;
  const answer = JSON.parse(body) as { builds?: unknown[]; duplicate?: boolean };
  return answer.builds?.length === 1 && !answer.duplicate;
}

/**
 * Starts the refusal phase early enough in a clock minute that the project's window cannot reset
 * midway (which would let 10 calls through), then spends the window's 10 triggers.
 */
async function exhaustLimit(pool: Pool, project: SeededProject, nonce: number) {
  const msLeft = 60_000 - (Date.now() % 60_000);
  if (msLeft < 20_000) await new Promise((resolve) => setTimeout(resolve, msLeft + 100));
  for (let i = 0; i <= TRIGGERS_PER_MINUTE + 1; i++) {
    const res = await pool.request(signedTrigger(project, nonce + i));
    await res.body.dump();
    if (res.statusCode === 429) return;
  }
  throw new Error(`project ${project.id} was never refused after ${TRIGGERS_PER_MINUTE + 2} triggers`);
}

function reportProblem(name: string, phase: Phase) {
  if (phase.unexpected > 0) console.warn(`  ${name}: ${phase.unexpected} unexpected answer(s); first: ${phase.firstProblem}`);
}

async function measure(server: { origin: string; cpuMs: () => CpuMs }, projects: SeededProject[]) {
  const triggerProjects = projects.slice(0, TRIGGER_PROJECTS);
  const refused = projects[TRIGGER_PROJECTS];
  const githubWarmUp = projects[TRIGGER_PROJECTS + 1];
  const githubProjects = projects.slice(TRIGGER_PROJECTS + 2);
  const withCpu = async (run: () => Promise<Phase>) => {
    const before = server.cpuMs();
    const phase = await run();
    const after = server.cpuMs();
    phase.cpuMs = { server: after.server - before.server, database: after.database - before.database };
    return phase;
  };
  const pool = new Pool(server.origin, { connections: IN_FLIGHT, headersTimeout: 60_000, bodyTimeout: 60_000 });
  try {
    // Warm-up: the first calls load each route and compile its queries. The refused project's own
    // triggers serve, since its limit is spent anyway.
    await runPhase(pool, TRIGGERS_PER_MINUTE, TRIGGERS_PER_MINUTE, (i) => signedTrigger(refused, 1_000_000 + i), is2xx);
    await runPhase(pool, CALLS_PER_PROJECT, CALLS_PER_PROJECT, (i) => signedPush(githubWarmUp, 1_000_000 + i), queuedOneBuild);

    const floor = await withCpu(() => runPhase(pool, FLOOR_CALLS, IN_FLIGHT, () => ({ path: "/api/v1/webhooks", method: "GET" }), (status) => status === 401));
    reportProblem("floor", floor);

    // Call i goes to project i mod 1,000: each project gets one call per 1,000, 8 in all.
    const trigger = await withCpu(() =>
      runPhase(pool, TRIGGER_PROJECTS * CALLS_PER_PROJECT, IN_FLIGHT, (i) => signedTrigger(triggerProjects[i % TRIGGER_PROJECTS], i), is2xx),
    );
    reportProblem("triggers", trigger);

    await exhaustLimit(pool, refused, 2_000_000);
    const refusal = await withCpu(() => runPhase(pool, REFUSAL_CALLS, IN_FLIGHT, (i) => signedTrigger(refused, 3_000_000 + i), (status) => status === 429));
    reportProblem("refusals", refusal);

    // 250 projects with 8 pushes each: 2,000 accepted pushes within the per-project limit.
    const github = await withCpu(() =>
      runPhase(pool, GITHUB_PROJECTS * CALLS_PER_PROJECT, IN_FLIGHT, (i) => signedPush(githubProjects[i % GITHUB_PROJECTS], i), queuedOneBuild),
    );
    reportProblem("GitHub pushes", github);
    return { floor, trigger, refusal, github };
  } finally {
    await pool.close();
  }
}

export async function triggerBench(opts: { databaseUrl: string; port?: number }): Promise<TriggerBenchResult> {
  const scratch = await emptyDatabase("cc_bench_trigger", opts.databaseUrl);
  try {
    const encryptionKey = randomBytes(32).toString("base64");
    // openPostgres migrates with the repo's migrator; the server finds the schema current.
    const opened = await openPostgres(scratch.url, { max: 8 });
    let projects: SeededProject[];
    try {
      projects = await seedProjects(opened.db, new SecretBox(encryptionKey), TRIGGER_PROJECTS + 2 + GITHUB_PROJECTS);
      await seedPushRules(opened.db, projects.slice(TRIGGER_PROJECTS + 1));
    } finally {
      await opened.close();
    }
    const server = await startServer(opts.port ?? 3410, scratch.url, scratch.name, encryptionKey);
    try {
      const { floor, trigger, refusal, github } = await measure(server, projects);
      return {
        floorRps: perSecond(floor.accepted, floor.elapsedMs),
        triggerRps: perSecond(trigger.accepted, trigger.elapsedMs),
        triggerP50Ms: percentile(trigger.latenciesMs, 0.5),
        triggerP99Ms: percentile(trigger.latenciesMs, 0.99),
        refusalRps: perSecond(refusal.accepted, refusal.elapsedMs),
        githubPushRps: perSecond(github.accepted, github.elapsedMs),
        githubP99Ms: percentile(github.latenciesMs, 0.99),
        projects: projects.length,
        cpuMsPerCall: { floor: cpuPerCall(floor), trigger: cpuPerCall(trigger), refusal: cpuPerCall(refusal), github: cpuPerCall(github) },
        unexpected: { trigger: trigger.unexpected, refusal: refusal.unexpected, github: github.unexpected },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await scratch.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const r = await triggerBench({ databaseUrl: "postgresql://postgres@127.0.0.1:5432/test" });
  console.log(`trigger API (production server, PostgreSQL, ${r.projects.toLocaleString()} projects, ${IN_FLIGHT} in flight)`);
  console.log(`  floor (401, no query) ${r.floorRps.toLocaleString()}/s`);
  console.log(`  signed CI triggers ${r.triggerRps.toLocaleString()}/s accepted · p50 ${r.triggerP50Ms} ms · p99 ${r.triggerP99Ms} ms`);
  console.log(`  over the limit     ${r.refusalRps.toLocaleString()} refusals (429)/s`);
  console.log(`  GitHub pushes      ${r.githubPushRps.toLocaleString()}/s accepted · p99 ${r.githubP99Ms} ms`);
  const cpu = (c: CpuMs) => `${c.server} + ${c.database} ms`;
  const { floor, trigger, refusal, github } = r.cpuMsPerCall;
  console.log(`  CPU per call, server + PostgreSQL: floor ${cpu(floor)} · trigger ${cpu(trigger)} · refusal ${cpu(refusal)} · push ${cpu(github)}`);
  console.log(`  unexpected answers: triggers ${r.unexpected.trigger}, refusals ${r.unexpected.refusal}, GitHub ${r.unexpected.github}`);
  console.log(`  whole run ${Math.round((performance.now() - started) / 1000)} s`);
}
