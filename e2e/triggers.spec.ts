import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";
import { startReceiver } from "./receiver";

test("a developer adds a push rule, tests it, and triggers a build from CI with the snippet", async ({ page, request }) => {
  const demo = await demoCredentials();
  await signIn(page, demo.email, demo.password);
  await page.goto(`/orgs/${demo.organization_id}/projects/${demo.project_id}/triggers`);
  await expect(page.getByRole("heading", { level: 2, name: "Triggers" })).toBeVisible();

  // Add a push rule through the form.
  const editor = page.getByRole("form", { name: "Build rules" });
  const before = await editor.getByRole("group", { name: /^Rule \d+$/ }).count();
  await editor.getByRole("button", { name: "Add push rule" }).click();
  const n = before + 1;
  const rule = editor.getByRole("group", { name: `Rule ${n}`, exact: true });
  await rule.getByLabel("Branches").fill("main");
  await rule.getByLabel("Paths to include").fill("Source/**");
  await rule.getByLabel("Paths to exclude").fill("docs/**");
  await editor.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByText(/Build rules saved/)).toBeVisible();
  await expect(editor.getByText("All changes saved")).toBeVisible();

  // The JSON view shows the seed-shaped rule.
  await page.getByRole("tab", { name: "JSON" }).click();
  const json = JSON.parse(await editor.getByLabel("Rules JSON").inputValue()) as { rules: Record<string, unknown>[] };
  expect(json.rules[n - 1]).toMatchObject({
    trigger: "push",
    enabled: true,
    branches: ["main"],
    paths: { include: ["Source/**"], exclude: ["docs/**"] },
    build_config: { release_type: "dev" },
  });
  await page.getByRole("tab", { name: "Form" }).click();
  await expect(rule.getByLabel("Branches")).toHaveValue("main");

  // The tester explains both outcomes.
  const tester = page.getByRole("region", { name: "Would this push trigger?" });
  await tester.getByLabel("Branch").fill("main");
  await tester.getByLabel("Changed files").fill("docs/a.md");
  const result = tester.getByRole("listitem").filter({ hasText: `Rule ${n}` });
  await expect(result).toContainText("✗ not matched");
  await expect(result).toContainText("None of the 1 changed file(s) is included and not excluded.");
  await tester.getByLabel("Changed files").fill("Source/x.cpp");
  await expect(result).toContainText("✓ matched");
  await expect(result).toContainText("Branch main matches and Source/x.cpp changed.");

  // A local receiver subscribed to the project's build events.
  const receiver = await startReceiver({ status: 200, body: "ok" });
  const endpoint = await request.post("/api/v1/webhooks", {
    headers: { authorization: `Bearer ${demo.api_key}` },
    data: { name: "CI build events", url: `${receiver.url}/builds`, project_id: demo.project_id, events: ["build.queued", "build.started", "build.succeeded", "build.failed"] },
  });
  expect(endpoint.status()).toBe(201);

  // Reveal the trigger secret, then replay the page's curl snippet.
  const ci = page.getByRole("region", { name: "Trigger from your CI" });
  await ci.getByRole("button", { name: "Reveal trigger secret" }).click();
  const shown = ci.getByLabel("Trigger secret", { exact: true });
  await expect(shown).toHaveText(/^trg_/);
  const secret = (await shown.textContent())!.trim();

  const snippet = (await ci.getByRole("figure", { name: "curl with X-Webhook-Secret" }).locator("pre").textContent())!;
  expect(snippet).toContain(`/api/v1/projects/${demo.project_id}/trigger`);
  expect(snippet).toContain(secret);
  const url = /curl -X POST "([^"]+)"/.exec(snippet)![1];
  const body = /-d '([^']+)'/.exec(snippet)![1];
  expect(snippet).toContain('-H "X-Webhook-Secret: $CONTROL_CENTER_TRIGGER_SECRET"');

  const response = await request.post(url, {
    headers: { "content-type": "application/json", "x-webhook-secret": secret },
    data: body,
  });
  expect(response.status()).toBe(202);
  const queued = (await response.json()) as { build_id: string; status: string };
  expect(queued.status).toBe("queued");
  expect(queued.build_id).toBeTruthy();

  // The new build shows up on the Builds tab, and the demo runner takes it from queued
  // through started to succeeded (it fails only every fifth build; this is the project's first).
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Builds" }).click();
  const builds = page.getByRole("table", { name: "Builds" });
  const row = builds.getByRole("row").filter({ hasText: "4f2c9e1" }).filter({ hasText: "api" });
  await expect(row).toBeVisible();
  await expect(row.getByText("started")).toBeVisible({ timeout: 20_000 });
  await expect(row.getByText("succeeded")).toBeVisible({ timeout: 20_000 });

  // Each step reached the receiver as a signed event about this build.
  const eventsFor = () =>
    receiver.requests.map((r) => JSON.parse(r.body) as { type: string; data: { build: { id: string } } }).filter((e) => e.data.build.id === queued.build_id);
  await expect.poll(() => eventsFor().map((e) => e.type).sort()).toEqual(["build.queued", "build.started", "build.succeeded"]);
  expect(receiver.requests.every((r) => typeof r.headers["webhook-signature"] === "string")).toBe(true);
  await receiver.close();
});

test("the JSON view refuses an invalid rule with the field's path", async ({ page }) => {
  const demo = await demoCredentials();
  await signIn(page, demo.email, demo.password);
  await page.goto(`/orgs/${demo.organization_id}/projects/${demo.project_id}/triggers`);
  const editor = page.getByRole("form", { name: "Build rules" });
  await page.getByRole("tab", { name: "JSON" }).click();
  await editor
    .getByLabel("Rules JSON")
    .fill(JSON.stringify({ rules: [{ trigger: "push", branches: ["main"], build_config: { release_type: "nightly" } }] }));
  await editor.getByRole("button", { name: "Save rules" }).click();
  await expect(editor.getByRole("alert").filter({ hasText: "rules.0.build_config.release_type:" })).toBeVisible();
  await expect(editor.getByText("Unsaved changes")).toBeVisible();
});

test("an owner lets the trigger accept signatures over the body alone, after a warning, and turns it off again", async ({ page, request }) => {
  const demo = await demoCredentials();
  await signIn(page, demo.email, demo.password);
  await page.goto(`/orgs/${demo.organization_id}/projects/${demo.project_id}/triggers`);
  const ci = page.getByRole("region", { name: "Trigger from your CI" });
  await ci.getByRole("button", { name: "Reveal trigger secret" }).click();
  const secret = (await ci.getByLabel("Trigger secret", { exact: true }).textContent())!.trim();

  const body = JSON.stringify({ branch: "body-signed", commit_sha: "b0d15e9" });
  const bodySigned = () =>
    request.post(`/api/v1/projects/${demo.project_id}/trigger`, {
      headers: { "content-type": "application/json", "x-signature": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` },
      data: body,
    });
  expect((await bodySigned()).status()).toBe(401);

  // Turning it on asks first and says what it costs.
  const setting = ci.getByRole("switch", { name: "Accept signatures over the body alone" });
  await expect(setting).toHaveAttribute("aria-checked", "false");
  await setting.click();
  const dialog = page.getByRole("dialog", { name: "Accept signatures over the body alone?" });
  await expect(dialog).toContainText("can be replayed");
  await dialog.getByRole("button", { name: "Accept body-only signatures" }).click();
  await expect(page.getByText("Body-only signatures are accepted")).toBeVisible();
  await expect(setting).toHaveAttribute("aria-checked", "true");

  expect((await bodySigned()).status()).toBe(202);
  expect((await bodySigned()).status()).toBe(409);

  // It stays on after a reload; turning it off needs no warning.
  await page.reload();
  await expect(setting).toHaveAttribute("aria-checked", "true");
  await setting.click();
  await expect(page.getByText("Body-only signatures are refused again")).toBeVisible();
  await expect(setting).toHaveAttribute("aria-checked", "false");
});
