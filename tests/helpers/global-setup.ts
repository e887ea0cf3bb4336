// Runs once per Vitest project in the main process: creates the project's temporary
// DATA_DIR (named in vitest.config.ts) and removes it when the run ends.
import { mkdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";

export default function setup(project: TestProject) {
  const dataDir = project.config.env.DATA_DIR;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
