// Next.js calls register() once when a server instance starts. A server that cannot start
// (database unreachable, configuration refused) exits with the reason instead of answering
// every request with an error, so whatever supervises it sees the failure and can restart it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("@/lib/server");
  try {
    await boot();
  } catch (error) {
    console.error(`[control-center] start-up failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
