import { defineConfig } from "prisma/config";

// The CLI reads this file. The app never uses it: lib/db/client.ts builds the
// client with a driver adapter (PGlite or PostgreSQL).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/control_center" },
});
