// GET /api/health: is the database reachable, and which delivery engine runs.
import "server-only";
import { getDb } from "@/lib/db";
import { deliveryEngine } from "@/lib/delivery";

export type Health = { status: "ok" | "degraded"; database: "ok" | "unreachable"; engine: "embedded" | "inngest" };

export async function checkHealth(): Promise<Health> {
  const engine = deliveryEngine();
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return { status: "ok", database: "ok", engine };
  } catch {
    return { status: "degraded", database: "unreachable", engine };
  }
}
