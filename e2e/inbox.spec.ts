import { expect, test } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";

const SHOTS = process.env.E2E_SHOTS_DIR ?? "test-results/screenshots";

test("a test inbox shows what is sent to it, and the demo endpoint's signed deliveries verify", async ({ page, request }) => {
  const demo = await demoCredentials();
  await signIn(page, demo.email, demo.password);
  await page.getByRole("link", { name: "Test inbox" }).click();
  await expect(page.getByRole("heading", { name: "Test inbox", level: 1 })).toBeVisible();
  // The demo organization starts with one, and an endpoint pointing at it.
  const inboxes = page.getByRole("list", { name: "Inboxes" });
  await expect(inboxes.getByText("Demo inbox", { exact: true })).toBeVisible();

  await page.getByRole("textbox", { name: "Inbox name" }).fill("E2E inbox");
  await page.getByRole("button", { name: "Create inbox" }).click();
  await expect(page.getByText("Inbox E2E inbox created")).toBeVisible();
  const requests = page.getByRole("region", { name: "Requests to E2E inbox" });
  await expect(requests.getByText("Nothing received yet")).toBeVisible();
  await expect(requests.getByText("Listening")).toBeVisible();
  const url = (await page.getByLabel("URL of E2E inbox").textContent())!;
  expect(url).toMatch(/\/api\/inbox\/[A-Za-z0-9_-]{43}$/);
  await expect(requests.getByLabel("curl command")).toContainText(url);
  await page.screenshot({ path: `${SHOTS}/inbox-empty.png`, fullPage: true });

  const sent = await request.post(url, { headers: { "x-e2e": "hello inbox" }, data: { greeting: "from playwright" } });
  expect(sent.status()).toBe(200);
  expect(await sent.json()).toEqual({ received: true });

  // It shows up by itself (the list refreshes every few seconds).
  const item = requests.getByRole("listitem").first();
  await expect(item.getByText("POST", { exact: true })).toBeVisible();
  await expect(item.locator("summary").getByText("No signature")).toBeVisible();
  await item.locator("summary").click();
  await expect(item.getByRole("row", { name: /^x-e2e/ })).toContainText("hello inbox");
  await expect(item.getByLabel("Request body")).toContainText('"greeting": "from playwright"');
  await page.screenshot({ path: `${SHOTS}/inbox-request.png`, fullPage: true });

  // The demo endpoint's test event is recorded in process, signed; its endpoint is preselected.
  const auth = { authorization: `Bearer ${demo.api_key}` };
  const endpoints = (await (await request.get("/api/v1/webhooks", { headers: auth })).json()) as { data: { id: string; name: string }[] };
  const demoEndpoint = endpoints.data.find((e) => e.name === "Demo inbox")!;
  const test_ = await request.post(`/api/v1/webhooks/${demoEndpoint.id}/test`, { headers: auth });
  expect(await test_.json()).toMatchObject({ status: "succeeded", response_status: 200 });
  await page.getByRole("button", { name: "Show the requests of Demo inbox" }).click();
  const demoRequests = page.getByRole("region", { name: "Requests to Demo inbox" });
  await expect(demoRequests.getByLabel("Check signatures against")).toHaveValue(demoEndpoint.id);
  const signed = demoRequests.getByRole("listitem").filter({ hasText: "webhook.test" }).first();
  await expect(signed.locator("summary").getByText("Verified", { exact: true })).toBeVisible();
  await signed.locator("summary").click();
  await expect(signed.getByRole("row", { name: /^webhook-signature/ })).toContainText("v1,");
  await page.screenshot({ path: `${SHOTS}/inbox-verified.png`, fullPage: true });

  // Without an endpoint, nothing is verified; the request only says it is signed.
  await demoRequests.getByLabel("Check signatures against").selectOption("");
  await expect(signed.locator("summary").getByText("Signed", { exact: true })).toBeVisible();

  // "Create an endpoint for this inbox" starts the endpoint form with the inbox URL.
  await inboxes.getByRole("listitem").filter({ hasText: "E2E inbox" }).getByRole("link", { name: "Create an endpoint for this inbox" }).click();
  await expect(page.getByRole("heading", { name: "Add endpoint" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "URL" })).toHaveValue(url);
  await page.goBack();
  await expect(page.getByRole("heading", { name: "Test inbox", level: 1 })).toBeVisible();

  // Deleting asks first.
  await page.getByRole("button", { name: "Delete E2E inbox" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete inbox" }).click();
  await expect(page.getByText("Inbox E2E inbox deleted")).toBeVisible();
  await expect(inboxes.getByText("E2E inbox", { exact: true })).toHaveCount(0);
  expect((await request.post(url, { data: {} })).status()).toBe(404);
});
