// Extra production servers for the fault specs, started from the same `.next` build as the
// suite's own server: each in its own process group, so a test can SIGKILL the whole server.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DemoCredentials } from "@/lib/demo/seed";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `control-center-${label}-`));
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, deadlineMs: number, everyMs = 200): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Gave up waiting for ${what} after ${deadlineMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export interface AppServer {
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** SIGKILL the whole process group (`next start` and anything it forked); resolves once it exited. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL if it is still running after a while. */
  stop(): Promise<void>;
}

/**
 * `next start` on `port` with `env` on top of this process's environment; resolves once
 * `GET /api/health` answers 200. What it prints is kept, and appended to `logFile` if given.
 */
export async function startAppServer(options: { port?: number; env: Record<string, string>; label: string; logFile?: string }): Promise<AppServer> {
  const port = options.port ?? (await freePort());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DEMO_RUNNER: "0",
    // Each server counts its rate limits in its own database, never in a Redis shared by runs.
    REDIS_URL: "",
    ...options.env,
  };
  const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const file = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : null;
  const keep = (chunk: Buffer) => {
    file?.write(chunk);
    log += chunk.toString("utf8");
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  child.once("close", () => file?.end());
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const server: AppServer = {
    url,
    port,
    dataDir: env.DATA_DIR!,
    process: child,
    output: () => log,
    async kill9() {
      signalGroup("SIGKILL");
      await exited;
    },
    async stop() {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      // A forked child may outlive the parent; the group goes with SIGKILL.
      signalGroup("SIGKILL");
    },
  };
  try {
    await waitFor(
      `${options.label} on ${url} (GET /api/health = 200)`,
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`${options.label} exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${log.slice(-4_000)}`);
        }
        const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => null);
        return res?.status === 200 ? true : undefined;
      },
      180_000,
      250,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** The demo credentials a seeding server wrote into its data folder. */
export async function demoCredentialsIn(dataDir: string): Promise<DemoCredentials> {
  const file = join(dataDir, "demo-credentials.json");
  await waitFor(file, () => (existsSync(file) ? true : undefined), 30_000);
  return JSON.parse(readFileSync(file, "utf8")) as DemoCredentials;
}

export function removeDir(dir: string | undefined) {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
