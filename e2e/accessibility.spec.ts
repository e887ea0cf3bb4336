import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";

// The pages that changed with credentials following their member (the invitation's Join step,
// the Account page, API keys with whom each acts for, test inboxes with their limits, a build's
// artifacts, the Triggers tab's body-signature setting) pass axe, on a laptop (1440 px) and a phone (390 px). Screenshots of each land in
// test-results/ for a look.

const WIDTHS = [
  { name: "laptop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

async function checkAtEveryWidth(page: Page, label: string) {
  for (const size of WIDTHS) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: `test-results/pages/${label}-${size.name}.png`, fullPage: true });
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
      `${label} at ${size.width} px`,
    ).toEqual([]);
  }
}

test("the invitation's Join step and the Account page pass axe at 1440 and 390 px", async ({ browser, playwright, baseURL }) => {
  const demo = await demoCredentials();
  const email = `axe-${Date.now().toString(36)}@example.test`;
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${demo.api_key}` } });
  const context = await browser.newContext();
  try {
    const invited = await api.post("/api/v1/invitations", { data: { email, role: "viewer" } });
    expect(invited.status()).toBe(201);
    const { id, url } = (await invited.json()) as { id: string; url: string };
    const page = await context.newPage();
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Axe Reader");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();

    await page.goto(new URL(url).pathname);
    await expect(page.getByRole("heading", { name: "Join Demo Studio?" })).toBeVisible();
    await checkAtEveryWidth(page, "invitation-join");

    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await checkAtEveryWidth(page, "account");
    await api.delete(`/api/v1/invitations/${id}`);
  } finally {
    await context.close();
    await api.dispose();
  }
});

test("API keys, test inboxes, a build's page and the Triggers tab pass axe at 1440 and 390 px", async ({ page, playwright, baseURL }) => {
  const demo = await demoCredentials();
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${demo.api_key}` } });
  try {
    const queued = await api.post(`/api/v1/projects/${demo.project_id}/builds`, { data: { branch: "axe" } });
    expect(queued.status()).toBe(201);
    const build = (await queued.json()) as { id: string };

    await signIn(page, demo.email, demo.password);
    await page.goto(`/orgs/${demo.organization_id}/api-keys`);
    await expect(page.getByRole("table", { name: "API keys" })).toContainText(demo.email);
    await checkAtEveryWidth(page, "api-keys");

    await page.goto(`/orgs/${demo.organization_id}/inbox`);
    await expect(page.getByText(/of 20 inboxes/)).toBeVisible();
    await checkAtEveryWidth(page, "inbox");

    await page.goto(`/orgs/${demo.organization_id}/projects/${demo.project_id}/builds/${build.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await checkAtEveryWidth(page, "build");

    // The Triggers tab with its body-signature setting, and the warning before turning it on.
    await page.goto(`/orgs/${demo.organization_id}/projects/${demo.project_id}/triggers`);
    await expect(page.getByRole("switch", { name: "Accept signatures over the body alone" })).toBeVisible();
    await checkAtEveryWidth(page, "triggers");
    await page.getByRole("switch", { name: "Accept signatures over the body alone" }).click();
    await expect(page.getByRole("dialog", { name: "Accept signatures over the body alone?" })).toBeVisible();
    await checkAtEveryWidth(page, "triggers-body-signature-warning");
    await page.getByRole("button", { name: "Cancel" }).click();
  } finally {
    await api.dispose();
  }
});
