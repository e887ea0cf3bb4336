// The demo runner (embedded default; docs/triggers.md#demo-runner): moves queued builds to
// started and then to succeeded or failed with realistic artifacts, and auto-deploys
// default-branch builds to preview, and ends every deployment still in progress as succeeded
// (as an outside deployer would with POST /api/v1/deployments/{id}/status) — all through
// transitionBuild/deployBuild/reportDeploymentStatus, so every step publishes its event.
// `tick` does one pass with a given clock; `startDemoRunner` calls it every second.
import "server-only";
import type { Actor } from "@/lib/audit";
import type { Build } from "@/lib/db/generated/client";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { buildConfigOf, deployBuild, reportDeploymentStatus, transitionBuild, type BuildStatusInput } from "@/lib/builds";

export const demoRunnerActor: Actor = { type: "system", id: null, label: "Demo runner" };

export interface DemoRunnerContext {
  db: Db;
  now: () => Date;
  startAfterMs: number;
  finishAfterMs: number;
  deployAfterMs: number;
  /** Which builds fail; by default one in five (every fifth build of a project). */
  shouldFail: (build: Build) => boolean;
}

export function demoRunnerContext(db: Db, overrides: Partial<DemoRunnerContext> = {}): DemoRunnerContext {
  return {
    db,
    now: () => new Date(),
    startAfterMs: 2_000,
    finishAfterMs: 5_000,
    deployAfterMs: 2_000,
    shouldFail: (build) => build.number % 5 === 0,
    ...overrides,
  };
}

const BATCH = 20;

/** One pass: returns how many builds and deployments it moved. */
export async function tick(ctx: DemoRunnerContext, now: Date = ctx.now()) {
  const moved = { started: 0, succeeded: 0, failed: 0, deployed: 0, deploymentsFinished: 0 };
  const before = (ms: number) => new Date(now.getTime() - ms);

  const queued = await ctx.db.build.findMany({ where: { status: "queued", createdAt: { lte: before(ctx.startAfterMs) } }, orderBy: { id: "asc" }, take: BATCH });
  for (const build of queued) {
    if (await move(ctx, build, { status: "started" }, now)) moved.started += 1;
  }

  const running = await ctx.db.build.findMany({
    where: { status: "started", startedAt: { lte: before(ctx.finishAfterMs) } },
    orderBy: { id: "asc" },
    take: BATCH,
    include: { project: { select: { name: true, slug: true, defaultBranch: true } } },
  });
  for (const build of running) {
    if (ctx.shouldFail(build)) {
      if (await move(ctx, build, failure(), now)) moved.failed += 1;
      continue;
    }
    const done = await move(ctx, build, { status: "succeeded", artifacts: artifactsFor(build, build.project) }, now);
    if (!done) continue;
    moved.succeeded += 1;
    if (build.branch && build.branch === build.project.defaultBranch) {
      await deployBuild(ctx.db, build.organizationId, build.id, { environment: "preview" }, demoRunnerActor, now);
      moved.deployed += 1;
    }
  }

  const deploying = await ctx.db.deployment.findMany({ where: { status: "created", createdAt: { lte: before(ctx.deployAfterMs) } }, orderBy: { id: "asc" }, take: BATCH });
  for (const d of deploying) {
    try {
      await reportDeploymentStatus(ctx.db, d.organizationId, d.id, { status: "succeeded" }, demoRunnerActor, now);
      moved.deploymentsFinished += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return moved;
}

/** A transition that lost a race (cancelled or superseded meanwhile) is skipped, not fatal. */
async function move(ctx: DemoRunnerContext, build: Build, input: BuildStatusInput, now: Date) {
  try {
    await transitionBuild(ctx.db, build.organizationId, build.id, input, demoRunnerActor, now);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.status === 409) return false;
    throw error;
  }
}

const EXTENSIONS: Record<string, Record<string, string> | string> = {
  vst3: ".vst3",
  au: ".component",
  aax: ".aaxplugin",
  clap: ".clap",
  standalone: { macos: ".app", windows: ".exe", linux: "" },
};

/** One artifact per platform × format (AU only exists on macOS). */
export function artifactsFor(build: Build, project: { name: string; slug: string }) {
  const config = buildConfigOf(build);
  const formats = config.formats.length ? config.formats : ["standalone"];
  const product = project.name.replace(/[^A-Za-z0-9]+/g, "") || "Plugin";
  const artifacts = [];
  for (const platform of config.platforms) {
    for (const format of formats) {
      if (format === "au" && platform !== "macos") continue;
      const ext = EXTENSIONS[format];
      const suffix = typeof ext === "string" ? ext : ext ? (ext[platform] ?? "") : `.${format}`;
      const fileName = `${product}${suffix}`;
      artifacts.push({
        platform,
        format,
        file_name: fileName,
        file_size: 2_000_000 + (hash(`${build.id}/${platform}/${format}`) % 9_000_000),
        download_url: `https://downloads.example.com/${project.slug}/${build.number}/${platform}/${encodeURIComponent(fileName)}`,
      });
    }
  }
  return artifacts;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function failure(): BuildStatusInput {
  return {
    status: "failed",
    error_message: "CMake configuration failed: could not find package JUCE (CMakeLists.txt:15)",
    failed_at_step: "configure",
    error_logs: [
      "-- The C compiler identification is AppleClang 15.0.0.15000100",
      "-- The CXX compiler identification is AppleClang 15.0.0.15000100",
      "-- Detecting C compiler ABI info",
      "-- Detecting C compiler ABI info - done",
      "-- Check for working CXX compiler: /usr/bin/c++ - skipped",
      "CMake Error at CMakeLists.txt:15 (find_package):",
      '  By not providing "FindJUCE.cmake" in CMAKE_MODULE_PATH this project has',
      '  asked CMake to find a package configuration file provided by "JUCE", but',
      "  CMake did not find one.",
      "",
      '  Could not find a package configuration file provided by "JUCE" with any of',
      "  the following names:",
      "",
      "    JUCEConfig.cmake",
      "    juce-config.cmake",
      "",
      '  Add the installation prefix of "JUCE" to CMAKE_PREFIX_PATH or set "JUCE_DIR"',
      "  to a directory containing one of the above files.",
      "",
      "-- Configuring incomplete, errors occurred!",
    ].join("\n"),
  };
}

export interface RunningDemoRunner {
  stop(): void;
}

/** Calls tick every `intervalMs`; a pass never overlaps the previous one. */
export function startDemoRunner(ctx: DemoRunnerContext, intervalMs = 1_000): RunningDemoRunner {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    tick(ctx)
      .catch((error) => console.error("[demo-runner] pass failed", error instanceof Error ? error.message : error))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
