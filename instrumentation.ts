// Next.js calls register() once when a server instance starts (lib/server/start.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/server");
  await startServer();
}
