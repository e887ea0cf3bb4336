import { getDb } from "@/lib/db";

export type Health = { status: "ok" | "degraded"; database: "ok" | "unreachable"; engine: "embedded" | "inngest" };

export async function checkHealth(): Promise<Health> {
  const engine = process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV ? "inngest" : "embedded";
  try {
    const db = await getDb();
    await db.$queryRaw`SELECT 1`;
    return { status: "ok", database: "ok", engine };
  } catch {
    return { status: "degraded", database: "unreachable", engine };
  }
}
