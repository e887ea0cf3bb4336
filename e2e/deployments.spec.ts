import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";

type Deployment = { id: string; status: string; url: string; environment: string; build_number: number; branch: string };

/** Queues a build of `branch` from the Builds tab and waits for the demo runner to finish it; returns its number and outcome. */
async function queueAndFinish(page: Page, branch: string) {
  await page.getByRole("button", { name: "Queue build" }).click();
  const dialog = page.getByRole("dialog", { name: "Queue a build" });
  await dialog.getByLabel("Branch").fill(branch);
  await dialog.getByRole("button", { name: "Queue build" }).click();
  const toast = page.getByText(/^Build #\d+ queued$/).last();
  await expect(toast).toBeVisible();
  const number = Number(/#(\d+)/.exec((await toast.textContent())!)![1]);
  const row = page.getByRole("table", { name: "Builds" }).getByRole("row").filter({ has: page.getByRole("link", { name: `#${number}`, exact: true }) });
  await expect(row.getByText(/^(succeeded|failed)$/)).toBeVisible({ timeout: 30_000 });
  return { number, row, succeeded: (await row.getByText("succeeded").count()) > 0 };
}

test("a developer deploys a feature build to production, a deployer reports a preview, and both show on the Deployments tab", async ({ page, request }) => {
  const demo = await demoCredentials();
  const api = { authorization: `Bearer ${demo.api_key}` };
  const base = `/orgs/${demo.organization_id}/projects/${demo.project_id}`;
  await signIn(page, demo.email, demo.password);

  // A build of a feature branch (the demo runner auto-deploys only the default branch). The
  // runner fails every fifth build of a project: queue again if this one was it.
  await page.goto(`${base}/builds`);
  const branch = `feature/deploy-${Date.now().toString(36)}`;
  let build = await queueAndFinish(page, branch);
  if (!build.succeeded) build = await queueAndFinish(page, branch);
  expect(build.succeeded).toBe(true);

  // Deploy it to production from its page.
  await build.row.getByRole("link", { name: `#${build.number}`, exact: true }).click();
  await expect(page.getByRole("heading", { name: `Build #${build.number}` })).toBeVisible();
  const deployments = page.getByRole("region", { name: "Deployments" });
  await expect(deployments.getByText("Not deployed")).toBeVisible();
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Deploy build #${build.number}` });
  await dialog.getByRole("radio", { name: /production/ }).check();
  await dialog.getByRole("button", { name: "Deploy to production" }).click();
  await expect(page.getByText(`Deploying build #${build.number} to production`)).toBeVisible();

  // It appears on the build page; the demo runner (the embedded default's deployer) ends it.
  const production = deployments.getByRole("row").filter({ hasText: "production" });
  await expect(production).toBeVisible();
  await expect(production.getByRole("link", { name: /myplugin\.example\.com/ })).toHaveAttribute("href", /^https:\/\/[a-z0-9-]+\.example\.com$/);
  await expect(production).toContainText(`by ${demo.email}`);
  await expect(production.getByText("succeeded")).toBeVisible({ timeout: 15_000 });

  // An outside deployer: deploy the same build to preview and report it live at its own URL.
  const buildId = page.url().split("/").pop()!;
  const created = await request.post(`/api/v1/builds/${buildId}/deploy`, { headers: api, data: { environment: "preview" } });
  expect(created.status()).toBe(201);
  const preview = (await created.json()) as Deployment;
  const reported = await request.post(`/api/v1/deployments/${preview.id}/status`, {
    headers: api,
    data: { status: "succeeded", url: "https://feature-preview.myplugin.example.com/" },
  });
  expect(reported.status()).toBe(200);
  expect(await reported.json()).toMatchObject({ status: "succeeded", url: "https://feature-preview.myplugin.example.com/", build_number: build.number, branch });
  const again = await request.post(`/api/v1/deployments/${preview.id}/status`, { headers: api, data: { status: "failed" } });
  expect(again.status()).toBe(409);

  const previewRow = deployments.getByRole("row").filter({ hasText: "feature-preview.myplugin.example.com" });
  await expect(previewRow.getByText("succeeded")).toBeVisible();
  await expect(previewRow).toContainText('by API key "Demo key"');

  // Artifacts: a link per file, and Download all with several.
  const artifacts = page.getByRole("region", { name: "Artifacts" });
  const macVst3 = artifacts.getByRole("link", { name: /^Download .+ \(macos vst3\)$/ });
  const href = await macVst3.getAttribute("href");
  expect(href).toMatch(new RegExp(`^https://downloads\\.example\\.com/[a-z0-9-]+/${build.number}/macos/`));
  // The download host is made up: answer for it, and see the click open the artifact's URL in a new tab.
  const fetched: string[] = [];
  await page.context().route("https://downloads.example.com/**", (route) => {
    fetched.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "text/plain", body: "plugin" });
  });
  const [tab] = await Promise.all([page.waitForEvent("popup"), macVst3.click()]);
  await expect.poll(() => fetched).toEqual([href]);
  await tab.close();
  const [download] = await Promise.all([page.waitForEvent("download"), artifacts.getByRole("button", { name: "Download all" }).click()]);
  expect(download.suggestedFilename()).toBe(`build-${build.number}-artifacts.json`);
  const saved = JSON.parse(readFileSync((await download.path())!, "utf8")) as { build_id: string; artifacts: { download_url: string }[] };
  expect(saved.build_id).toBe(buildId);
  expect(saved.artifacts.map((a) => a.download_url)).toContain(href);

  // The project's Deployments tab lists both with the build they shipped.
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Deployments" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Deployments" })).toBeVisible();
  const list = page.getByRole("table", { name: "Deployments" });
  const listed = list.getByRole("row").filter({ has: page.getByRole("link", { name: `#${build.number}`, exact: true }) });
  await expect(listed).toHaveCount(2);
  await expect(listed.filter({ hasText: "production" })).toContainText("succeeded");
  await expect(listed.filter({ hasText: "preview" }).getByRole("link", { name: /feature-preview\.myplugin\.example\.com/ })).toHaveAttribute(
    "href",
    "https://feature-preview.myplugin.example.com/",
  );
  await expect(listed.first()).toContainText(branch);
});
