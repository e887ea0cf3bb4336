// What the server does once at start (called from instrumentation.ts): open and migrate
// the database, seed the embedded demo, say how to sign in, and start the delivery engine.
import "server-only";
import { config, inngestDevModeWarning } from "@/lib/config";
import { processSingleton } from "@/lib/config/singleton";
import { getDatabase } from "@/lib/db";
import { deliveryContext, deliveryEngine, releaseAllLeases, startMaintenance, startWorker } from "@/lib/delivery";
import { demoCredentialsPath, demoRunnerContext, ensureDemoData, startDemoRunner } from "@/lib/demo";
import { encryptLegacyEndpointSecrets } from "@/lib/webhooks";

export function boot(): Promise<void> {
  return processSingleton("boot", run);
}

async function run() {
  const cfg = config();
  const { db, engine } = await getDatabase();
  console.log(`[control-center] database: ${engine}${cfg.embedded ? ` (${cfg.dataDir})` : ""}`);
  // Endpoints saved before URLs and header values were encrypted at rest get encrypted now.
  const encrypted = await encryptLegacyEndpointSecrets(db);
  if (encrypted) console.log(`[control-center] encrypted the URL and headers of ${encrypted} endpoint(s) stored in clear`);
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

  if (deliveryEngine() === "embedded") {
    const ctx = deliveryContext(db);
    // PGlite serves one process: whatever it had claimed before a restart can go now.
    if (engine === "pglite") await releaseAllLeases(ctx);
    const worker = startWorker(ctx);
    startMaintenance(ctx);
    process.once("SIGTERM", () => void worker.stop());
    console.log("[control-center] delivery engine: embedded worker");
  } else {
    console.log("[control-center] delivery engine: Inngest (functions served at /api/inngest)");
    const warning = inngestDevModeWarning();
    if (warning) console.warn(warning);
  }

  // The demo runner moves queued builds along so a newcomer sees the whole loop.
  if (cfg.demoRunner) {
    startDemoRunner(demoRunnerContext(db));
    console.log("[control-center] demo build runner: on (DEMO_RUNNER=0 turns it off)");
  }
}
