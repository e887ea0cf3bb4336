// A private PostgreSQL cluster for one spec, so it can be stopped and started without touching
// the machine's shared server (other suites use that one). initdb refuses to run as root: as
// root every command runs as the `postgres` user through runuser.
import { execFile } from "node:child_process";
import { chownSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort, removeDir, tempDir } from "./servers";

const run = promisify(execFile);
const RUNUSER = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser"];

interface Tools {
  bin: string;
  /** Runs a PostgreSQL program as the user that owns the cluster. */
  exec(program: string, args: string[]): Promise<{ stdout: string; stderr: string }>;
  owner: { uid: number; gid: number } | null;
}

function postgresOwner(): { uid: number; gid: number } | null {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  if (!line) return null;
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

/** The newest installed PostgreSQL's bin folder and how to run it, or why this machine cannot. */
export function findPostgresTools(): Tools | { missing: string } {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, "bin", "initdb"))) : [];
  if (versions.length === 0) return { missing: `no PostgreSQL server binaries (initdb) under ${base}; install the postgresql package` };
  const bin = join(base, versions.sort((a, b) => Number(b) - Number(a))[0], "bin");
  if (process.getuid?.() !== 0) {
    return { bin, owner: null, exec: (program, args) => run(join(bin, program), args, { timeout: 120_000 }) };
  }
  const runuser = RUNUSER.find((p) => existsSync(p));
  if (!runuser) return { missing: "running as root and runuser is not installed (initdb refuses to run as root)" };
  const owner = postgresOwner();
  if (!owner) return { missing: "running as root and there is no `postgres` user to run initdb as" };
  return { bin, owner, exec: (program, args) => run(runuser, ["-u", "postgres", "--", join(bin, program), ...args], { timeout: 120_000 }) };
}

export interface PrivatePostgres {
  url: string;
  port: number;
  /** pg_ctl stop -m fast (waits until it is down). */
  stop(): Promise<void>;
  /** pg_ctl start (waits until it accepts connections). */
  start(): Promise<void>;
  /** Stops it (immediate) and removes its files. */
  destroy(): Promise<void>;
  log(): string;
}

export async function startPrivatePostgres(tools: Tools): Promise<PrivatePostgres> {
  const dir = tempDir("pg");
  if (tools.owner) chownSync(dir, tools.owner.uid, tools.owner.gid);
  const data = join(dir, "data");
  const logFile = join(dir, "postgres.log");
  const port = await freePort();
  await tools.exec("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k /tmp -c listen_addresses=127.0.0.1`;
  const pgctl = (args: string[]) => tools.exec("pg_ctl", ["-D", data, ...args]);
  const start = async () => {
    await pgctl(["-o", options, "-l", logFile, "-w", "-t", "60", "start"]);
  };
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop: async () => {
      await pgctl(["-m", "fast", "-w", "-t", "60", "stop"]);
    },
    destroy: async () => {
      await pgctl(["-m", "immediate", "-w", "stop"]).catch(() => {});
      removeDir(dir);
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : ""),
  };
}
