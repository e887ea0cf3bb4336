import { expect, test, type Browser } from "@playwright/test";
import { demoCredentials } from "./helpers";

// Sessions end (docs/security.md#sessions-and-passwords): a session cookie copied before
// sign-out opens no page; a password change signs every other device out and keeps this one
// signed in. And the edge answers paths that do not decode with a 400 problem, not a 500.

const PASSWORD = "a long enough password";

/** A new account (with its own workspace), signed up in a browser context of its own. */
async function signedUp(browser: Browser, label: string) {
  const email = `${label}-${Date.now().toString(36)}@example.test`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Sam Session");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  const orgId = new URL(page.url()).pathname.split("/")[2];
  return { email, context, page, orgId };
}

test("a session cookie copied before sign-out opens no page afterwards", async ({ browser }) => {
  const { context, page, orgId } = await signedUp(browser, "copied");
  const copied = await context.cookies();
  const thief = await browser.newContext();
  try {
    await thief.addCookies(copied);
    const stolen = await thief.newPage();
    await stolen.goto(`/orgs/${orgId}/webhooks`);
    await expect(stolen.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in/);

    // Every page of the organization now sends the old cookie to sign-in.
    for (const path of ["", "/webhooks", "/deliveries", "/inbox", "/members", "/api-keys", "/audit-log", "/settings"]) {
      await stolen.goto(`/orgs/${orgId}${path}`);
      await expect(stolen, `/orgs/${orgId}${path}`).toHaveURL(/\/sign-in/);
    }
    await stolen.goto("/account");
    await expect(stolen).toHaveURL(/\/sign-in/);
  } finally {
    await context.close();
    await thief.close();
  }
});

test("changing the password signs every other device out and keeps this browser signed in", async ({ browser }) => {
  const { email, context, page, orgId } = await signedUp(browser, "changer");
  const other = await browser.newContext();
  try {
    await other.addCookies(await context.cookies());
    const laptop = await other.newPage();
    await laptop.goto(`/orgs/${orgId}`);
    await expect(laptop.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();

    await page.getByRole("link", { name: `Account of ${email}` }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    await page.getByLabel("Current password").fill("not my password");
    await page.getByLabel("New password").fill("an even longer password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The current password is wrong.")).toBeVisible();

    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password").fill("an even longer password");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status")).toContainText("Password changed. Every other session of yours was signed out");
    await page.getByRole("link", { name: /^Back to / }).click();
    await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();

    await laptop.reload();
    await expect(laptop).toHaveURL(/\/sign-in/);
    await laptop.getByLabel("Email").fill(email);
    await laptop.getByLabel("Password").fill(PASSWORD);
    await laptop.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(laptop.getByText("Wrong email or password.")).toBeVisible();
    await laptop.getByLabel("Password").fill("an even longer password");
    await laptop.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(laptop.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  } finally {
    await context.close();
    await other.close();
  }
});

test("a path that does not percent-decode is a 400 problem, on pages and the API alike", async ({ request }) => {
  const demo = await demoCredentials();
  for (const path of ["/api/v1/webhooks/ep_%F0%9F", "/api/inbox/%ff", "/invite/%ff", "/orgs/%ff", `/orgs/${demo.organization_id}/webhooks/%C0%AF`]) {
    const response = await request.get(path, { headers: { authorization: `Bearer ${demo.api_key}` } });
    expect(response.status(), path).toBe(400);
    expect(response.headers()["content-type"], path).toBe("application/problem+json");
    expect(await response.json(), path).toMatchObject({ status: 400, code: "bad_request", detail: expect.stringContaining("percent-encoded UTF-8") });
  }
  // A path that decodes still reaches its route.
  expect((await request.get("/api/v1/projects/%E2%9C%93", { headers: { authorization: `Bearer ${demo.api_key}` } })).status()).toBe(404);
});
