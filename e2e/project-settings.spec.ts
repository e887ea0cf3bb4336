import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";

/** The value of a label/value row (DetailList) whose label is `label`. */
const detail = (page: Page, label: string) => page.locator("dl > div", { has: page.getByText(label, { exact: true }) }).locator("dd");

test("a developer edits the project's settings and domains, sees the defaults on a queued build, and deletes a project", async ({ page, request }) => {
  const demo = await demoCredentials();
  const auth = { authorization: `Bearer ${demo.api_key}` };
  const original = (await (await request.get(`/api/v1/projects/${demo.project_id}`, { headers: auth })).json()) as { description: string | null };
  const suffix = randomBytes(3).toString("hex");

  // The demo user signs in once; everything below reuses this page.
  await signIn(page, demo.email, demo.password);
  await page.getByRole("link", { name: /MyPlugin/ }).click();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Settings" })).toBeVisible();

  // Description, default release type and a default flag, saved together.
  const form = page.getByRole("form", { name: "Project settings" });
  const description = `Settings edited in the browser ${suffix}`;
  await form.getByLabel("Description").fill(description);
  await form.getByLabel("Release type").selectOption("minor");
  await form.getByRole("button", { name: "Add flag" }).click();
  await form.getByLabel("Flag 1 name").fill("enableActivationKeys");
  await expect(form.getByLabel("Flag 1 value")).toBeChecked();
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings of MyPlugin saved")).toBeVisible();
  await expect(page.getByText(description, { exact: true }).first()).toBeVisible();
  await page.reload();
  await expect(form.getByLabel("Release type")).toHaveValue("minor");
  await expect(form.getByLabel("Flag 1 name")).toHaveValue("enableActivationKeys");

  // A hostname with a scheme is refused next to the field; a plain one is added, then removed.
  const domains = page.getByRole("region", { name: "Custom domains" });
  const hostname = `plugin-${suffix}.example.com`;
  await domains.getByLabel("Hostname").fill(`https://${hostname}`);
  await domains.getByRole("button", { name: "Add domain" }).click();
  await expect(domains.getByRole("alert").filter({ hasText: "without http:// or https://" })).toBeVisible();
  await domains.getByLabel("Hostname").fill(hostname);
  await domains.getByRole("button", { name: "Add domain" }).click();
  await expect(page.getByText(`${hostname} added to MyPlugin`)).toBeVisible();
  const row = domains.getByRole("row").filter({ hasText: hostname });
  await expect(row.locator("time")).toBeVisible();
  await row.getByRole("button", { name: `Remove ${hostname}` }).click();
  const confirm = page.getByRole("dialog", { name: "Remove domain?" });
  await confirm.getByRole("button", { name: "Remove domain" }).click();
  await expect(page.getByText(`${hostname} removed from MyPlugin`)).toBeVisible();
  await expect(domains.getByRole("row").filter({ hasText: hostname })).toHaveCount(0);

  // Queue build starts from the project's defaults; the build carries them.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Builds" }).click();
  await page.getByRole("button", { name: "Queue build" }).click();
  const dialog = page.getByRole("dialog", { name: "Queue a build" });
  await expect(dialog.getByLabel("Release type")).toHaveValue("minor");
  await dialog.getByRole("button", { name: "Queue build" }).click();
  const toast = page.getByText(/^Build #\d+ queued$/);
  await expect(toast).toBeVisible();
  const number = /#(\d+)/.exec((await toast.textContent())!)![1];
  await page.getByRole("table", { name: "Builds" }).getByRole("link", { name: `#${number}`, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Build #${number}` })).toBeVisible();
  await expect(detail(page, "Release type")).toHaveText("minor");
  await expect(detail(page, "Flags")).toHaveText("enableActivationKeys: true");

  // A throwaway project, deleted from its Settings tab by typing its name.
  const name = `Throwaway ${suffix}`;
  await page.goto(`/orgs/${demo.organization_id}`);
  await page.getByRole("button", { name: "New project" }).click();
  await page.getByRole("dialog", { name: "New project" }).getByLabel("Name").fill(name);
  await page.getByRole("dialog", { name: "New project" }).getByRole("button", { name: "Create project" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("region", { name: "Danger zone" }).getByRole("button", { name: "Delete project" }).click();
  const remove = page.getByRole("dialog", { name: `Delete ${name}?` });
  const submit = remove.getByRole("button", { name: "Delete project" });
  await expect(submit).toBeDisabled();
  await remove.getByLabel(`Type “${name}” to confirm`).fill("Throwaway");
  await expect(submit).toBeDisabled();
  await remove.getByLabel(`Type “${name}” to confirm`).fill(name);
  await submit.click();
  await expect(page.getByText(`Project ${name} deleted`)).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Projects", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /MyPlugin/ })).toBeVisible();

  // Leave the demo project as the other specs expect it.
  const restored = await request.patch(`/api/v1/projects/${demo.project_id}`, {
    headers: auth,
    data: { description: original.description, default_release_type: "dev", default_flags: {} },
  });
  expect(restored.status()).toBe(200);
});
