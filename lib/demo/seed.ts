// The embedded default's demo data: a user, an organization, a project and an API key,
// created on first start and printed so a newcomer can sign in at once; a push rule for `main`
// and an endpoint pointing at the organization's own test inbox, so the first build shows
// signed deliveries without any server of one's own (docs/delivery.md#test-inbox).
import "server-only";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { systemActor } from "@/lib/audit";
import { API_KEY_SCOPES, createApiKey } from "@/lib/auth";
import { hashPassword } from "@/lib/auth/password";
import { randomToken } from "@/lib/crypto";
import { appOrigin, createOrganization } from "@/lib/organizations";
import { createProject } from "@/lib/projects";
import { newId, type Db } from "@/lib/db";
import { getTriggerRules, putTriggerRules, triggerRule } from "@/lib/triggers";
import { createEndpoint, createInbox, createWebhookInput } from "@/lib/webhooks";

export const DEMO_EMAIL = "demo@controlcenter.local";

export type DemoCredentials = {
  email: string;
  password: string;
  api_key: string;
  organization_id: string;
  project_id: string;
};

export function demoCredentialsPath(dataDir: string) {
  return join(dataDir, "demo-credentials.json");
}

export const DEMO_INBOX_NAME = "Demo inbox";

/**
 * The origin the server answers at before any request has named one: APP_URL when set, else
 * HOST and PORT as `npm start` listens on them (scripts/start.mjs), 127.0.0.1 for a wildcard.
 */
export function configuredOrigin(env: Record<string, string | undefined> = process.env): string {
  const host = env.HOST?.trim();
  const shown = !host || host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return appOrigin(new Headers({ host: `${shown}:${env.PORT?.trim() || "3000"}` }), undefined, env);
}

/** Seeds the demo once per data folder; later starts read back what was written. */
export async function ensureDemoData(db: Db, dataDir: string, origin = configuredOrigin()): Promise<DemoCredentials> {
  const file = demoCredentialsPath(dataDir);
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as DemoCredentials;
    if (await db.organization.findUnique({ where: { id: saved.organization_id } })) return saved;
  }

  const password = `demo-${randomToken(9)}`;
  const passwordHash = await hashPassword(password);
  const { user, org } = await db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: DEMO_EMAIL } });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { passwordHash } })
      : await tx.user.create({ data: { id: newId("usr"), email: DEMO_EMAIL, name: "Demo Creator", passwordHash } });
    const org = await createOrganization(tx, { name: "Demo Studio" }, user.id);
    return { user, org };
  });
  const actor = { ...systemActor, label: "Demo seed" };
  const project = await createProject(
    db,
    org.id,
    {
      name: "MyPlugin",
      description: "A demo audio plugin: builds for macOS and Windows as VST3 and AU.",
      repository: "demo-studio/myplugin",
      default_branch: "main",
      default_platforms: ["macos", "windows"],
      default_formats: ["vst3", "au"],
    },
    actor,
  );
  const { secret } = await createApiKey(db, org.id, { name: "Demo key", scopes: [...API_KEY_SCOPES], expires_at: null }, actor);
  if ((await getTriggerRules(db, project.id)).length === 0) {
    await putTriggerRules(db, org.id, project.id, [triggerRule.parse({ trigger: "push", branches: ["main"] })], actor);
  }
  const inbox = await createInbox(db, org.id, { name: DEMO_INBOX_NAME }, origin, actor);
  // Its own inbox is recorded in process (lib/delivery/inbox-sender.ts), so the URL policy's
  // reach checks (http, private addresses) have nothing to protect here.
  await createEndpoint(
    db,
    org.id,
    createWebhookInput.parse({ name: DEMO_INBOX_NAME, url: inbox.url, description: "Every event, delivered to the demo organization's test inbox." }),
    actor,
    { allowHttp: true, allowPrivate: true },
  );

  const credentials: DemoCredentials = {
    email: user.email,
    password,
    api_key: secret,
    organization_id: org.id,
    project_id: project.id,
  };
  // With DATABASE_URL nothing else writes to DATA_DIR, so it may not exist yet.
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
