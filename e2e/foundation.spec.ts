import { expect, test } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";

test("the demo user signs in with the printed credentials and sees the demo project", async ({ page }) => {
  const demo = await demoCredentials();
  await signIn(page, demo.email, demo.password);
  await expect(page).toHaveURL(new RegExp(`/orgs/${demo.organization_id}$`));
  await expect(page.getByRole("link", { name: /MyPlugin/ })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("Embedded default");
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  const demo = await demoCredentials();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(demo.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a creator creates a project and finds its sections", async ({ page }) => {
  const demo = await demoCredentials();
  await signIn(page, demo.email, demo.password);

  await page.getByRole("button", { name: "New project" }).click();
  const dialog = page.getByRole("dialog", { name: "New project" });
  await dialog.getByLabel("Name").fill("Synth Deluxe");
  await dialog.getByLabel("GitHub repository").fill("not a repo");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(dialog.getByText("Use the GitHub form owner/repository.")).toBeVisible();

  await dialog.getByLabel("GitHub repository").fill("demo-studio/synth-deluxe");
  await dialog.getByRole("button", { name: "Create project" }).click();
  await expect(page.getByText("Project Synth Deluxe created")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Synth Deluxe" })).toBeVisible();
  await expect(page.getByText("demo-studio/synth-deluxe")).toBeVisible();

  const tabs = page.getByRole("navigation", { name: "Project" });
  for (const section of ["Webhooks", "Deliveries", "Triggers", "Builds", "Settings"]) {
    await tabs.getByRole("link", { name: section }).click();
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Projects" }).click();
  await expect(page.getByRole("link", { name: /Synth Deluxe/ })).toBeVisible();
});

test("an admin creates an API key, uses it, and revokes it", async ({ page, request }) => {
  const demo = await demoCredentials();
  await signIn(page, demo.email, demo.password);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();

  await page.getByRole("button", { name: "Create API key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name").fill("GitHub Actions");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Choose at least one scope.").first()).toBeVisible();
  await dialog.getByRole("checkbox", { name: /projects:read/ }).check();
  await dialog.getByRole("checkbox", { name: /projects:write/ }).check();
  await dialog.getByRole("button", { name: "Create key" }).click();

  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^cc_live_/);
  const key = (await shown.textContent())!.trim();

  // Use it like curl would.
  const list = await request.get("/api/v1/projects", { headers: { authorization: `Bearer ${key}` } });
  expect(list.status()).toBe(200);
  const body = (await list.json()) as { data: { name: string }[] };
  expect(body.data.map((p) => p.name)).toContain("MyPlugin");
  const created = await request.post("/api/v1/projects", {
    headers: { authorization: `Bearer ${key}` },
    data: { name: "From CI", default_platforms: ["linux"] },
  });
  expect(created.status()).toBe(201);
  // Scopes hold: this key cannot manage keys.
  const forbidden = await request.get("/api/v1/api-keys", { headers: { authorization: `Bearer ${key}` } });
  expect(forbidden.status()).toBe(403);

  await page.getByRole("dialog", { name: "Copy your new API key" }).getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: /GitHub Actions/ });
  await expect(row).toContainText(key.slice(0, 14));
  await expect(row).toContainText("active");
  await expect(page.getByText(key)).toHaveCount(0);

  await row.getByRole("button", { name: "Revoke GitHub Actions" }).click();
  await page.getByRole("dialog", { name: "Revoke API key?" }).getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByText(/revoked\. It stops working immediately/)).toBeVisible();
  await expect(row).toContainText("revoked");

  const after = await request.get("/api/v1/projects", { headers: { authorization: `Bearer ${key}` } });
  expect(after.status()).toBe(401);
  expect(after.headers()["content-type"]).toContain("application/problem+json");
});

test("a new user signs up into a personal workspace and cannot see another organization", async ({ page }) => {
  const demo = await demoCredentials();
  const email = `creator-${Date.now()}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Ada Creator");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Password").evaluate((el: HTMLInputElement) => el.removeAttribute("minlength"));
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
  await expect(page.getByText("No projects yet")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Organization" })).toHaveValue(/org_/);
  await expect(page.getByRole("option", { name: "Ada Creator's workspace" })).toBeAttached();

  const response = await page.goto(`/orgs/${demo.organization_id}`);
  expect(response?.status()).toBe(404);
  const projectResponse = await page.goto(`/orgs/${demo.organization_id}/projects/${demo.project_id}`);
  expect(projectResponse?.status()).toBe(404);

  await page.goto("/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
});
