// Lints the OpenAPI document of /api/v1 with Redocly (`npm run lint:openapi`, part of `npm run lint`):
// asks the route that serves /api/v1/openapi.json for the document, writes it to a temporary
// file and runs `redocly lint` on it with ../redocly.yaml (the `recommended` rules, zero
// warnings allowed). Telemetry and the update check are off: lint runs offline, in CI too.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GET } from "../app/api/v1/openapi.json/route";

// The origin only names the server in `servers` (the app names the host it is asked at); a
// reserved .invalid name, since the `no-server-example.com` rule refuses localhost.
const response = GET(new Request("https://control-center.invalid/api/v1/openapi.json"));
const dir = mkdtempSync(join(tmpdir(), "openapi-lint-"));
const file = join(dir, "openapi.json");
// Indented, so the line numbers Redocly reports point at one field.
writeFileSync(file, JSON.stringify(await response.json(), null, 2));

const result = spawnSync("redocly", ["lint", file, "--config", join(process.cwd(), "redocly.yaml"), "--max-problems", "1000"], {
  stdio: "inherit",
  shell: process.platform === "win32",
  env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
});
rmSync(dir, { recursive: true, force: true });
if (result.error) throw result.error;
process.exit(result.status ?? 1);
