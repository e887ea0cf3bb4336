import { expect, test, type Page } from "@playwright/test";
import { DOCS_PAGES } from "@/components/docs/pages";
import { EVENT_TYPES } from "@/lib/webhooks/event-catalog";
import { demoCredentials, signIn } from "./helpers";

test.use({ viewport: { width: 1440, height: 900 } });

/** Records console errors, uncaught exceptions and every request that leaves 127.0.0.1 (the docs must work offline). */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (!["data:", "blob:"].includes(url.protocol) && url.hostname !== "127.0.0.1") problems.push(`request to ${request.url()}`);
  });
  return problems;
}

function slug(href: string) {
  return href.split("/").filter(Boolean).join("-");
}

test("signed out, the docs index links every docs page, each with its heading and the shared docs nav", async ({ page }) => {
  const problems = watch(page);
  await page.goto("/docs");
  await expect(page.getByRole("heading", { level: 1, name: "Documentation" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await page.screenshot({ path: "/tmp/cc/shots/docs-index.png", fullPage: true });

  for (const docsPage of DOCS_PAGES.filter((p) => p.href !== "/docs/api")) {
    await page.goto("/docs");
    await page.getByRole("list", { name: "Docs pages" }).getByRole("link", { name: new RegExp(`^${docsPage.title}`) }).click();
    await expect(page).toHaveURL(docsPage.href);
    await expect(page.getByRole("heading", { level: 1, name: docsPage.title })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Docs" });
    await expect(nav.getByRole("link", { name: docsPage.title })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link")).toHaveCount(DOCS_PAGES.length + 1);
    await page.screenshot({ path: `/tmp/cc/shots/${slug(docsPage.href)}.png`, fullPage: true });
  }

  // The side nav and the previous/next links move between pages too.
  await page.getByRole("navigation", { name: "Docs" }).getByRole("link", { name: "Receiving webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Receiving webhooks" })).toBeVisible();
  await page.getByRole("navigation", { name: "Previous and next page" }).getByRole("link", { name: /Event catalog/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Event catalog" })).toBeVisible();

  expect(problems).toEqual([]);
});

test("the event catalog page lists every event type of the catalog with its example", async ({ page }) => {
  await page.goto("/docs/events");
  for (const type of EVENT_TYPES) {
    await expect(page.getByRole("heading", { level: 3, name: type, exact: true })).toBeVisible();
    await expect(page.getByRole("figure", { name: `${type} · data` })).toContainText("{");
  }
  await expect(page.getByRole("heading", { level: 3 })).toHaveCount(EVENT_TYPES.length);
});

test("the receiving webhooks page shows the verification code with copy buttons", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/docs/webhooks");
  const node = page.getByRole("figure", { name: "verify-webhook.js" });
  await expect(node).toContainText('createHmac("sha256", key)');
  await node.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByText("Copied to clipboard")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("export function verifyWebhook(");
  await expect(page.getByRole("figure", { name: "verify_webhook.py" })).toContainText("hmac.compare_digest");
  await expect(page.getByRole("heading", { level: 2, name: "Compatibility signatures" })).toBeVisible();
});

test("the API reference renders the OpenAPI document offline, grouped by tag, without console errors", async ({ page }) => {
  const problems = watch(page);
  await page.goto("/docs");
  await page.getByRole("list", { name: "Docs pages" }).getByRole("link", { name: /^API reference/ }).click();
  await expect(page).toHaveURL("/docs/api");
  await expect(page.getByRole("heading", { level: 1, name: "API reference" })).toBeVisible();

  await expect(page.getByText("Create a webhook endpoint").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("/webhooks/{webhookId}/secret/rotate").first()).toBeAttached();
  // Operations are grouped by tag in the reference's own navigation.
  const reference = page.locator(".docs-api-reference");
  for (const tag of ["Webhooks", "Deliveries", "Events", "Projects", "Builds", "Triggers", "API keys"]) {
    await expect(reference.getByText(tag, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByText("Authorization: Bearer cc_live_…").first()).toBeVisible();
  await page.screenshot({ path: "/tmp/cc/shots/docs-api.png" });

  // An operation opens with its request schema and an example.
  await page.getByText("Create a webhook endpoint").first().click();
  await expect(page.getByText("Release notifier").first()).toBeAttached();
  await page.screenshot({ path: "/tmp/cc/shots/docs-api-operation.png" });

  expect(problems).toEqual([]);
});

test("an API problem's type links to its entry on the errors page", async ({ page, request }) => {
  const answer = await request.get("/api/v1/webhooks");
  expect(answer.status()).toBe(401);
  const { type } = (await answer.json()) as { type: string };
  expect(type).toBe("/docs/errors#unauthorized");
  await page.goto(type);
  await expect(page.getByRole("heading", { level: 1, name: "API errors" })).toBeVisible();
  await expect(page.locator("tr#unauthorized")).toContainText("Authorization: Bearer cc_live_…");
});

test("the dashboard links to the docs, and the docs link back to the dashboard", async ({ page }) => {
  const demo = await demoCredentials();
  await signIn(page, demo.email, demo.password);
  await page.getByRole("banner").getByRole("link", { name: "Docs", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Documentation" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Dashboard" })).toBeVisible();
  await page.getByRole("navigation", { name: "Docs" }).getByRole("link", { name: "Getting started" }).click();
  // Signed in, the steps link to the reader's own organization.
  await expect(page.getByRole("main").getByRole("link", { name: "Deliveries" })).toHaveAttribute("href", `/orgs/${demo.organization_id}/deliveries`);
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
});
