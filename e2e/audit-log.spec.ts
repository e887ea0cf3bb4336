import { expect, test } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";

test("an owner filters the audit log by action, actor and resource, shares the view by URL, and loads older entries", async ({ page, request }) => {
  const demo = await demoCredentials();
  const auth = { authorization: `Bearer ${demo.api_key}` };

  // Entries to find: an endpoint created and its secret revealed with the demo key, and more
  // project updates than one page holds (25).
  const created = await request.post("/api/v1/webhooks", { headers: auth, data: { name: "Audited endpoint", url: "http://127.0.0.1:9/audited" } });
  expect(created.status()).toBe(201);
  const endpointId = ((await created.json()) as { id: string }).id;
  expect((await request.get(`/api/v1/webhooks/${endpointId}/secret`, { headers: auth })).status()).toBe(200);
  for (let i = 0; i < 27; i++) {
    const patched = await request.patch(`/api/v1/projects/${demo.project_id}`, { headers: auth, data: { description: `Audit log page ${i}` } });
    expect(patched.status()).toBe(200);
  }

  await signIn(page, demo.email, demo.password);
  await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const table = page.getByRole("table", { name: "Audit log" });
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(25);

  // By action: the reveal alone, and the URL says so.
  await page.getByLabel("Action").selectOption("endpoint.secret_revealed");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("endpoint.secret_revealed");
  await expect(rows.first()).toContainText('API key "Demo key"');
  await expect(page).toHaveURL(/[?&]action=endpoint\.secret_revealed/);

  // By actor: the demo seed's entries are the system's; the key made none of them.
  await page.getByLabel("Action").selectOption("");
  await page.getByLabel("Actor").selectOption("system");
  await expect(rows.first()).toContainText("Demo seed");
  for (const text of await rows.allInnerTexts()) expect(text).not.toContain('API key "Demo key"');
  await page.getByLabel("Actor").selectOption({ label: 'API key "Demo key"' });
  await expect(rows.first()).toContainText('API key "Demo key"');
  await expect(page).toHaveURL(/[?&]actor=key_/);

  // By resource id, combined with the actor: the endpoint's two entries.
  await page.getByLabel("Resource ID").fill(endpointId);
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("endpoint.secret_revealed");
  await expect(rows.nth(1)).toContainText("endpoint.created");
  await expect(page).toHaveURL(new RegExp(`resource_id=${endpointId}`));

  // A shared link opens the same filtered view; a group filter ("endpoint.*") keeps both.
  await page.goto(`/orgs/${demo.organization_id}/audit-log?action=endpoint.*&resource_id=${endpointId}`);
  await expect(page.getByLabel("Action")).toHaveValue("endpoint.*");
  await expect(page.getByLabel("Resource ID")).toHaveValue(endpointId);
  await expect(rows).toHaveCount(2);

  // Nothing matches: the empty state offers to clear the filters.
  await page.getByLabel("Action").selectOption("project.updated");
  await expect(page.getByText("No entries match these filters")).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).last().click();
  await expect(page).toHaveURL(/\/audit-log$/);

  // Load more, under a filter: 27 project updates, 25 on the first page.
  await page.getByLabel("Action").selectOption("project.updated");
  await expect(rows).toHaveCount(25);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(27);
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  for (const text of await rows.allInnerTexts()) expect(text).toContain("project.updated");
});
