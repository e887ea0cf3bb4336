import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { demoCredentials, signIn, type DemoCredentials } from "./helpers";
import { startReceiver } from "./receiver";

// What each role sees (docs/security.md#roles-and-api-key-scopes): controls a role may not use
// are hidden, or disabled with a visible note naming the role needed. The demo owner signs in
// once; the viewer, developer and admin are invited with the demo API key and sign up from
// their links. The server's refusals are proven in tests/actions/authorization-matrix.test.ts.

type Role = "viewer" | "developer" | "admin";

let demo: DemoCredentials;
let api: APIRequestContext;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
/** An endpoint of the demo project with one delivery (a test event), for everyone to look at. */
let endpointId: string;
let originalRules: unknown[];
let defaultReleaseType: string;
const joined: string[] = [];

const SUFFIX = Date.now().toString(36);
const ENDPOINT = `Roles fixture ${SUFFIX}`;

test.beforeAll(async ({ playwright }, testInfo) => {
  demo = await demoCredentials();
  api = await playwright.request.newContext({
    baseURL: testInfo.project.use.baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${demo.api_key}` },
  });
  receiver = await startReceiver({ status: 200, body: "ok" });

  const created = await api.post("/api/v1/webhooks", {
    data: { name: ENDPOINT, url: `${receiver.url}/roles`, project_id: demo.project_id, events: ["build.succeeded"] },
  });
  expect(created.status()).toBe(201);
  endpointId = ((await created.json()) as { id: string }).id;
  expect((await api.post(`/api/v1/webhooks/${endpointId}/test`)).status()).toBe(200);

  // A push rule and a release rule that leave the release type to the defaults.
  const rulesUrl = `/api/v1/projects/${demo.project_id}/trigger-rules`;
  originalRules = ((await (await api.get(rulesUrl)).json()) as { rules: unknown[] }).rules;
  const rules = [
    { trigger: "push", enabled: true, branches: ["main"], build_config: {} },
    { trigger: "release", enabled: true, release_types: ["published"], build_config: {} },
  ];
  expect((await api.put(rulesUrl, { data: { rules } })).status()).toBe(200);
  const project = (await (await api.get(`/api/v1/projects/${demo.project_id}`)).json()) as { default_release_type: string };
  defaultReleaseType = project.default_release_type;
});

test.afterAll(async () => {
  if (!api) return;
  await api.put(`/api/v1/projects/${demo.project_id}/trigger-rules`, { data: { rules: originalRules } });
  await api.delete(`/api/v1/webhooks/${endpointId}`);
  const members = ((await (await api.get("/api/v1/members?limit=100")).json()) as { data: { user_id: string; email: string }[] }).data;
  for (const member of members.filter((m) => joined.includes(m.email))) await api.delete(`/api/v1/members/${member.user_id}`);
  await api.dispose();
  await receiver?.close();
});

/** Invites a new person as `role` and signs them up from the link, in a browser context of their own. */
async function join(browser: Browser, role: Role): Promise<Page> {
  const email = `${role}-${SUFFIX}@example.test`;
  const invited = await api.post("/api/v1/invitations", { data: { email, role } });
  expect(invited.status()).toBe(201);
  const { url } = (await invited.json()) as { url: string };
  joined.push(email);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(new URL(url).pathname);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await page.getByLabel("Name").fill(`${role[0].toUpperCase()}${role.slice(1)} ${SUFFIX}`);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
  // Back on the invitation, signed in: joining is a confirmed step, never the link itself.
  await page.getByRole("button", { name: `Join Demo Studio as ${role === "admin" ? "an" : "a"} ${role}` }).click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${demo.organization_id}$`));
  await expect(page.getByRole("banner").getByText(role, { exact: true })).toBeVisible();
  return page;
}

const orgPath = (path = "") => `/orgs/${demo.organization_id}${path}`;
const projectPath = (tab: string) => orgPath(`/projects/${demo.project_id}/${tab}`);
const SECRET_NOTE = /Only admins and owners can reveal or rotate signing secrets\./;

test("an owner sees every control enabled", async ({ page }) => {
  await signIn(page, demo.email, demo.password);
  await expect(page.getByRole("button", { name: "New project" })).toBeEnabled();

  await page.goto(orgPath(`/webhooks/${endpointId}`));
  await expect(page.getByRole("heading", { level: 1, name: ENDPOINT })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reveal" })).toBeEnabled();
  await expect(page.getByRole("switch", { name: `Active: ${ENDPOINT}` })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();
  await expect(page.getByText(SECRET_NOTE)).toHaveCount(0);

  await page.goto(projectPath("triggers"));
  const editor = page.getByRole("form", { name: "Build rules" });
  await expect(editor.getByRole("button", { name: "Save rules" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Reveal trigger secret" })).toBeEnabled();

  await page.goto(orgPath("/members"));
  await expect(page.getByRole("button", { name: "Invite member" })).toBeEnabled();
  await expect(page.getByRole("combobox", { name: /^Role of / }).first()).toBeEnabled();
});

test("a viewer reads everything and finds every change disabled or absent, with the role it needs", async ({ browser }) => {
  const page = await join(browser, "viewer");
  try {
    // Projects: no New project.
    await expect(page.getByRole("link", { name: /MyPlugin/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "New project" })).toHaveCount(0);

    // Webhooks: no Add endpoint; the Active switches are disabled and say who may flip them.
    await page.goto(orgPath("/webhooks"));
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Add endpoint" })).toHaveCount(0);
    const active = page.getByRole("switch", { name: `Active: ${ENDPOINT}` });
    await expect(active).toBeDisabled();
    await expect(active).toHaveAccessibleDescription(/developers, admins and owners can add them, change them, and turn them on or off/);

    // The endpoint page: a read-only form with its note; Reveal, Rotate, Send test event, Recover and Delete disabled with theirs.
    await page.getByRole("link", { name: ENDPOINT }).click();
    await expect(page.getByRole("heading", { level: 1, name: ENDPOINT })).toBeVisible();
    const settings = page.getByRole("region", { name: "Settings" });
    await expect(settings.getByRole("note")).toContainText("only developers, admins and owners can change endpoints");
    await expect(settings.getByLabel("Name", { exact: true })).toBeDisabled();
    await expect(settings.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    for (const name of ["Reveal", "Rotate…"]) {
      const button = page.getByRole("button", { name, exact: true });
      await expect(button).toBeDisabled();
      await expect(button).toHaveAccessibleDescription(SECRET_NOTE);
    }
    await expect(page.getByText(SECRET_NOTE)).toBeVisible();
    const send = page.getByRole("button", { name: "Send test event" });
    await expect(send).toBeDisabled();
    await expect(send).toHaveAccessibleDescription("Developers, admins and owners can send test events.");
    await expect(page.getByRole("button", { name: "Recover failed…" })).toHaveAccessibleDescription("Developers, admins and owners can recover deliveries.");
    await expect(page.getByRole("button", { name: "Delete endpoint" })).toHaveAccessibleDescription("Developers, admins and owners can delete endpoints.");
    await expect(page.getByRole("switch", { name: `Active: ${ENDPOINT}` })).toHaveAccessibleDescription(
      "Developers, admins and owners can turn it on or off.",
    );

    // A delivery's details: no Resend or Replay, and why.
    await page.getByRole("button", { name: /^Open delivery of webhook\.test / }).first().click();
    const drawer = page.getByRole("dialog", { name: "Delivery of webhook.test" });
    await expect(drawer.getByRole("note")).toHaveText("Developers, admins and owners can resend and replay deliveries.");
    await expect(drawer.getByRole("button", { name: "Resend" })).toHaveCount(0);
    await expect(drawer.getByRole("button", { name: "Replay" })).toHaveCount(0);
    await page.keyboard.press("Escape");

    // Triggers: the rules read-only (no Save), the project's real default release type, secrets locked.
    await page.goto(projectPath("triggers"));
    const editor = page.getByRole("form", { name: "Build rules" });
    await expect(editor.getByRole("note")).toHaveText("Viewers can read the rules; developers, admins and owners can change them.");
    await expect(editor.getByRole("button", { name: "Save rules" })).toHaveCount(0);
    await expect(editor.getByRole("button", { name: "Add push rule" })).toHaveCount(0);
    const push = editor.getByRole("group", { name: "Rule 1", exact: true });
    await expect(push).toHaveAccessibleDescription(/developers, admins and owners can change them/);
    await expect(push.getByLabel("Release type", { exact: true }).locator("option:checked")).toHaveText(`Default (${defaultReleaseType})`);
    await expect(editor.getByRole("group", { name: "Rule 2", exact: true }).getByLabel("Release type", { exact: true }).locator("option:checked")).toHaveText(
      "Default (release)",
    );
    await page.getByRole("tab", { name: "JSON" }).click();
    await expect(editor.getByLabel("Rules JSON")).not.toBeEditable();
    const reveal = page.getByRole("button", { name: "Reveal trigger secret" });
    await expect(reveal).toBeDisabled();
    await expect(reveal).toHaveAccessibleDescription("Only admins and owners can reveal or rotate the trigger secret.");

    // Builds: no Queue build. Settings: read-only.
    await page.goto(projectPath("builds"));
    await expect(page.getByRole("heading", { level: 2, name: "Builds" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Queue build" })).toHaveCount(0);
    await page.goto(projectPath("settings"));
    await expect(page.getByRole("form", { name: "Project settings" }).getByLabel("Name", { exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);

    // API keys need the admin role; the Members page is read-only.
    await page.goto(orgPath("/api-keys"));
    await expect(page.getByRole("main").getByRole("note")).toContainText("Managing API keys needs the admin role");
    await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
    await page.goto(orgPath("/members"));
    const invite = page.getByRole("button", { name: "Invite member" });
    await expect(invite).toBeDisabled();
    await expect(invite).toHaveAccessibleDescription("Only owners invite members, change their roles and remove them.");
    await expect(page.getByRole("combobox", { name: /^Role of / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  } finally {
    await page.context().close();
  }
});

test("a developer creates an endpoint and sends it a test event, but cannot reveal secrets or manage API keys", async ({ browser }) => {
  const page = await join(browser, "developer");
  const name = `Developer endpoint ${SUFFIX}`;
  try {
    await page.goto(orgPath("/webhooks"));
    await page.getByRole("link", { name: "Add endpoint" }).first().click();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("URL", { exact: true }).fill(`${receiver.url}/developer`);
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText(/^Test event delivered: HTTP 200/)).toBeVisible();
    await expect(page.getByRole("group", { name: "Test result" })).toContainText("succeeded");

    for (const label of ["Reveal", "Rotate…"]) {
      const button = page.getByRole("button", { name: label, exact: true });
      await expect(button).toBeDisabled();
      await expect(button).toHaveAccessibleDescription(SECRET_NOTE);
    }
    await expect(page.getByRole("button", { name: "Save changes" })).toBeVisible();

    await page.goto(projectPath("triggers"));
    await expect(page.getByRole("form", { name: "Build rules" }).getByRole("button", { name: "Save rules" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Reveal GitHub webhook secret" })).toBeDisabled();

    await page.goto(orgPath("/api-keys"));
    await expect(page.getByRole("main").getByRole("note")).toContainText("Managing API keys needs the admin role");
    await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);

    // (the endpoint goes again, so that no other test sees it)
    await page.goto(orgPath("/webhooks"));
    await page.getByRole("link", { name }).click();
    await page.getByRole("region", { name: "Danger zone" }).getByRole("button", { name: "Delete endpoint" }).click();
    await page.getByRole("dialog", { name: "Delete endpoint?" }).getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page.getByText(`Endpoint ${name} deleted`)).toBeVisible();
  } finally {
    await page.context().close();
  }
});

test("an admin reveals a signing secret and manages API keys, but cannot change members' roles", async ({ browser }) => {
  const page = await join(browser, "admin");
  const keyName = `Admin key ${SUFFIX}`;
  try {
    await page.goto(orgPath(`/webhooks/${endpointId}`));
    await page.getByRole("button", { name: "Reveal", exact: true }).click();
    await expect(page.getByLabel("Current signing secret", { exact: true })).toHaveText(/^whsec_/);
    await expect(page.getByText(SECRET_NOTE)).toHaveCount(0);

    await page.goto(orgPath("/api-keys"));
    await page.getByRole("button", { name: "Create API key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await dialog.getByLabel("Name").fill(keyName);
    await dialog.getByRole("checkbox", { name: /projects:read/ }).check();
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByTestId("new-api-key")).toHaveText(/^cc_live_/);
    await page.getByRole("dialog", { name: "Copy your new API key" }).getByRole("button", { name: "Done" }).click();
    const row = page.getByRole("row", { name: new RegExp(keyName) });
    await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
    await page.getByRole("dialog", { name: "Revoke API key?" }).getByRole("button", { name: "Revoke key" }).click();
    await expect(row).toContainText("revoked");

    await page.goto(orgPath("/members"));
    await expect(page.getByRole("table", { name: "Members" }).getByRole("row", { name: new RegExp(demo.email) })).toContainText("owner");
    await expect(page.getByRole("combobox", { name: /^Role of / })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Invite member" })).toHaveAccessibleDescription(
      "Only owners invite members, change their roles and remove them.",
    );
  } finally {
    await page.context().close();
  }
});
