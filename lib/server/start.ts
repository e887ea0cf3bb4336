// Starting the server: boot, or exit with the reason. A server that cannot start (database
// unreachable, configuration refused) must not answer every request with an error; exiting
// lets whatever supervises it see the failure and restart it.
import { boot } from "./boot";

export async function startServer(run: () => Promise<void> = boot): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.error(`[control-center] start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
