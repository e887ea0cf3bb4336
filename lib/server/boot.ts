// What the server does once at start (called from instrumentation.ts): open and migrate
// the database, seed the embedded demo, and say how to sign in.
import { config } from "@/lib/config";
import { getDatabase } from "@/lib/db";
import { demoCredentialsPath, ensureDemoData } from "@/lib/db/seed";

const globalForBoot = globalThis as unknown as { __controlCenterBoot?: Promise<void> };

export function boot(): Promise<void> {
  globalForBoot.__controlCenterBoot ??= run();
  return globalForBoot.__controlCenterBoot;
}

async function run() {
  const cfg = config();
  const { db, engine } = await getDatabase();
  console.log(`[control-center] database: ${engine}${cfg.embedded ? ` (${cfg.dataDir})` : ""}`);
  if (cfg.seedDemo) {
    const demo = await ensureDemoData(db, cfg.dataDir);
    const port = process.env.PORT ?? "3000";
    console.log(
      [
        "",
        "  Control Center demo sign-in",
        `    URL:      http://localhost:${port}/sign-in`,
        `    Email:    ${demo.email}`,
        `    Password: ${demo.password}`,
        `    API key:  ${demo.api_key}`,
        `    (saved in ${demoCredentialsPath(cfg.dataDir)})`,
        "",
      ].join("\n"),
    );
  }
  if (cfg.embedded && (cfg.allowHttpEndpoints || cfg.allowPrivateEndpoints)) {
    console.log("[control-center] embedded default: http:// and private/loopback endpoint URLs are allowed.");
  }
}
