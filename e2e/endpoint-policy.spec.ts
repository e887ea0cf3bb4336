import { createHmac } from "node:crypto";
import { mkdirSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { demoCredentials, signIn, type DemoCredentials } from "./helpers";
import { startReceiver } from "./receiver";

// An endpoint's delivery policy and compatibility signature in the endpoint form
// (docs/delivery.md#delivery-policy, #compatibility-signatures): edited, refused by the server
// next to the right field, saved, read back after a reload, and used on the next request.

const SHOTS = "/tmp/cc/shots";
let demo: DemoCredentials;
let api: APIRequestContext;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let endpointId: string;
const NAME = `Policy ${Date.now().toString(36)}`;

test.beforeAll(async ({ playwright }, testInfo) => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await demoCredentials();
  api = await playwright.request.newContext({
    baseURL: testInfo.project.use.baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${demo.api_key}` },
  });
  receiver = await startReceiver({ status: 200, body: "ok" });
  const created = await api.post("/api/v1/webhooks", { data: { name: NAME, url: `${receiver.url}/policy` } });
  expect(created.status()).toBe(201);
  endpointId = ((await created.json()) as { id: string }).id;
});

test.afterAll(async () => {
  if (endpointId) await api.delete(`/api/v1/webhooks/${endpointId}`);
  await api?.dispose();
  await receiver?.close();
});

test("an owner sets an endpoint's retries, timeout, rate, order and signature; they persist and sign the next request", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, demo.email, demo.password);
  await page.goto(`/orgs/${demo.organization_id}/webhooks/${endpointId}`);
  await expect(page.getByRole("heading", { level: 1, name: NAME })).toBeVisible();

  const facts = page.locator("dl").filter({ hasText: "Delivery:" });
  await expect(facts).toContainText("default retries · 15 s timeout · no rate cap");
  await expect(facts).toContainText("Timestamped HMAC in X-Webhook-Signature");

  const settings = page.getByRole("region", { name: "Settings" });
  await settings.getByText("Delivery policy", { exact: true }).click();

  // A custom schedule starts from the default one: keep two retries, change them, add a third.
  await settings.getByRole("radio", { name: /^Custom/ }).check();
  await expect(settings.getByLabel("Delay before retry 7")).toHaveValue("10");
  for (const n of [7, 6, 5, 4, 3]) await settings.getByRole("button", { name: `Remove retry ${n}` }).click();
  await expect(settings.getByLabel("Delay before retry 3")).toHaveCount(0);
  await settings.getByLabel("Delay before retry 1").fill("30");
  await settings.getByLabel("Delay before retry 2").fill("10");
  await settings.getByRole("button", { name: "Add retry" }).click();
  await settings.getByLabel("Delay before retry 3").fill("1");
  await settings.getByLabel("Unit of retry 3").selectOption("h");
  await expect(settings.getByText(/^3 of 20 retries · 1 h 10 min 30 s of 7 d in total/)).toBeVisible();
  await expect(settings.getByText("at +1 h 10 min 30 s")).toBeVisible();

  const timeout = settings.getByLabel("Timeout (seconds)");
  await timeout.fill("45");
  await settings.getByLabel("Max deliveries per second").fill("5");
  const ordered = settings.getByRole("switch", { name: "Ordered delivery" });
  await ordered.click();
  await expect(ordered).toHaveAttribute("aria-checked", "true");

  // The signature: the receiver code follows the scheme and the header name as they change.
  await settings.getByText("Compatibility signature", { exact: true }).click();
  const code = settings.getByRole("figure", { name: /^Verify / });
  await expect(code).toContainText('headers["x-webhook-timestamp"]');
  await expect(code).toContainText('headers["x-webhook-signature"]');
  await settings.getByRole("radio", { name: /^sha256= body HMAC/ }).check();
  await expect(code).not.toContainText("x-webhook-timestamp");
  await expect(settings.getByLabel("Signature header")).toHaveAttribute("placeholder", "X-Webhook-Signature");
  await settings.getByLabel("Signature header").fill("X-Hub-Signature-256");
  await expect(code).toHaveAccessibleName("Verify X-Hub-Signature-256 in Node.js");
  await expect(code).toContainText('headers["x-hub-signature-256"]');
  await expect(code).toContainText('"sha256=" + createHmac("sha256", secret).update(rawBody)');
  await settings.getByRole("tab", { name: "Python" }).click();
  await expect(settings.getByRole("figure", { name: "Verify X-Hub-Signature-256 in Python" })).toContainText(
    'headers.get("X-Hub-Signature-256", "")',
  );
  await settings.screenshot({ path: `${SHOTS}/endpoint-policy-form.png` });

  // The server refuses a fractional second and a 45 s timeout, each next to its own field.
  const step = settings.getByLabel("Delay before retry 1");
  await step.fill("1.5");
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(step).toHaveAttribute("aria-invalid", "true");
  await expect(step).toHaveAccessibleDescription("Delays are whole seconds.");
  await expect(step).toBeFocused();
  await expect(timeout).toHaveAttribute("aria-invalid", "true");
  await expect(timeout).toHaveAccessibleDescription("The timeout is at most 30 seconds (30000 ms).");
  await settings.screenshot({ path: `${SHOTS}/endpoint-policy-errors.png` });

  await step.fill("30");
  await timeout.fill("10");
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`Settings of ${NAME} saved`)).toBeVisible();

  // Read back after a reload: the facts, and the form.
  await page.reload();
  await expect(facts).toContainText("3 retries over 1 h 10 min 30 s · 10 s timeout · at most 5/s · in order");
  await expect(facts).toContainText("sha256= body HMAC in X-Hub-Signature-256");
  await settings.getByText("Delivery policy", { exact: true }).click();
  await expect(settings.getByRole("radio", { name: /^Custom/ })).toBeChecked();
  await expect(settings.getByLabel("Delay before retry 1")).toHaveValue("30");
  await expect(settings.getByLabel("Unit of retry 1")).toHaveValue("s");
  await expect(settings.getByLabel("Delay before retry 2")).toHaveValue("10");
  await expect(settings.getByLabel("Unit of retry 2")).toHaveValue("min");
  await expect(settings.getByLabel("Delay before retry 3")).toHaveValue("1");
  await expect(settings.getByLabel("Unit of retry 3")).toHaveValue("h");
  await expect(settings.getByLabel("Timeout (seconds)")).toHaveValue("10");
  await expect(settings.getByLabel("Max deliveries per second")).toHaveValue("5");
  await expect(settings.getByRole("switch", { name: "Ordered delivery" })).toHaveAttribute("aria-checked", "true");
  await settings.getByText("Compatibility signature", { exact: true }).click();
  await expect(settings.getByRole("radio", { name: /^sha256= body HMAC/ })).toBeChecked();
  await expect(settings.getByLabel("Signature header")).toHaveValue("X-Hub-Signature-256");
  await page.screenshot({ path: `${SHOTS}/endpoint-policy-page.png`, fullPage: true });

  const saved = (await (await api.get(`/api/v1/webhooks/${endpointId}`)).json()) as { policy: unknown; compat_signature: unknown };
  expect(saved.policy).toEqual({ retry_schedule_seconds: [30, 600, 3600], timeout_ms: 10_000, ordered: true, max_rate_per_second: 5 });
  expect(saved.compat_signature).toEqual({ scheme: "body-sha256", header: "X-Hub-Signature-256" });

  // The next request carries the signature where the receiver code looks for it.
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByRole("group", { name: "Test result" }).getByText("succeeded", { exact: true })).toBeVisible();
  const { secret } = (await (await api.get(`/api/v1/webhooks/${endpointId}/secret`)).json()) as { secret: string };
  const request = receiver.requests.at(-1)!;
  expect(request.headers["x-hub-signature-256"]).toBe(`sha256=${createHmac("sha256", secret).update(request.body).digest("hex")}`);
  expect(request.headers["x-webhook-signature"]).toBeUndefined();
  expect(request.headers["webhook-signature"]).toMatch(/^v1,/);
});

test("a new endpoint's form starts from the defaults: default retries, no cap, unordered, the timestamped signature", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, demo.email, demo.password);
  await page.goto(`/orgs/${demo.organization_id}/webhooks/new`);
  await expect(page.getByRole("heading", { level: 1, name: "Add endpoint" })).toBeVisible();
  await expect(page.getByText("default retries · 15 s timeout · no rate cap")).toBeVisible();
  await expect(page.getByText("Timestamped HMAC in X-Webhook-Signature")).toBeVisible();

  await page.getByText("Delivery policy", { exact: true }).click();
  await expect(page.getByRole("radio", { name: /^Default/ })).toBeChecked();
  await expect(page.getByLabel("Timeout (seconds)")).toHaveValue("");
  await expect(page.getByLabel("Timeout (seconds)")).toHaveAttribute("placeholder", "15");
  await expect(page.getByLabel("Max deliveries per second")).toHaveValue("");
  await expect(page.getByRole("switch", { name: "Ordered delivery" })).toHaveAttribute("aria-checked", "false");

  await page.getByText("Compatibility signature", { exact: true }).click();
  await expect(page.getByRole("radio", { name: /^Timestamped HMAC/ })).toBeChecked();
  await expect(page.getByRole("figure", { name: "Verify X-Webhook-Signature in Node.js" })).toContainText('headers["x-webhook-timestamp"]');
  // None: no receiver code, the Standard Webhooks headers are all there is.
  await page.getByRole("radio", { name: /^None/ }).check();
  await expect(page.getByRole("figure", { name: /^Verify / })).toHaveCount(0);
  await expect(page.getByText("Standard Webhooks only")).toBeVisible();
  await page.getByRole("radio", { name: /^Hex body HMAC/ }).check();
  await page.getByRole("radio", { name: /^Custom/ }).check();
  await page.screenshot({ path: `${SHOTS}/endpoint-policy-new.png`, fullPage: true });
});
