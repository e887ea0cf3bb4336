// Prisma's schema engine, compiled to WebAssembly, driven through a PGlite
// adapter: it needs no native binary and no network. Used at development time
// to draft migration SQL (`npm run db:diff`) and by the drift test.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

type SchemaFile = { path: string; content: string };
type DiffTarget =
  | { tag: "empty" }
  | ({ tag: "schemaDatamodel" } & { files: SchemaFile[] })
  | ({ tag: "schemaDatasource" } & { files: SchemaFile[]; configDir: string })
  | ({ tag: "migrations" } & {
      baseDir: string;
      lockfile: { path: string; content: string | null };
      migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: "ok"; value: string } } }[];
      shadowDbInitScript: string;
    });

interface Engine {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    shadowDatabaseUrl: string | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string | null }>;
}

async function loadEngineModule() {
  // The package's entry imports the .wasm file as an ES module, which plain Node
  // does not support; instantiate the module by hand instead.
  const require = createRequire(import.meta.url);
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = await import(pathToFileURL(bgPath).href);
  const { instance } = await WebAssembly.instantiate(readFileSync(join(dirname(bgPath), "schema_engine_bg.wasm")), {
    "./schema_engine_bg.js": bg,
  });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return bg as { SchemaEngine: { new: (o: unknown, log: (l: string) => void, adapter: object) => Promise<Engine> } };
}

let enginePromise: Promise<Awaited<ReturnType<typeof loadEngineModule>>> | undefined;

/** Opens a schema engine on `pglite` (a fresh in-memory database by default). */
export async function openSchemaEngine(schema: SchemaFile, pglite: PGlite = new PGlite()) {
  enginePromise ??= loadEngineModule();
  const { SchemaEngine } = await enginePromise;
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
  const engine = await SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, adapter);
  const filters = { externalTables: [], externalEnums: [] };

  const script = async (from: DiffTarget) => {
    const result = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      shadowDatabaseUrl: null,
      filters,
    });
    return cleanScript(result.stdout ?? "");
  };

  return {
    /** SQL that takes the engine's database to the schema ("" when they agree). */
    diffDatabaseToSchema: () => script({ tag: "schemaDatasource", files: [schema], configDir: process.cwd() }),
    /** SQL that creates the schema from nothing. */
    scriptFromEmpty: () => script({ tag: "empty" }),
  };
}

function cleanScript(sql: string): string {
  const trimmed = sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, "").trim();
  return trimmed === "-- This is an empty migration." ? "" : trimmed;
}
