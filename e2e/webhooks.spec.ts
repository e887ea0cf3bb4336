import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { demoCredentials, signIn } from "./helpers";

type Recorded = { method: string; path: string; headers: IncomingHttpHeaders; body: string };

/** A real receiver on 127.0.0.1 that records every request exactly as it arrived and answers 200 with JSON. */
async function startJsonReceiver(reply: Record<string, unknown>) {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const header = (headers: IncomingHttpHeaders, name: string) => String(headers[name] ?? "");

test("an owner adds an endpoint, rotates its secret, and a test event arrives signed with both secrets", async ({ page }) => {
  const demo = await demoCredentials();
  const receiver = await startJsonReceiver({ received: true, by: "e2e-receiver" });
  try {
    await signIn(page, demo.email, demo.password);
    await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await page.getByRole("link", { name: "Add endpoint" }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: "Add endpoint" })).toBeVisible();

    // The server refuses the URL; the message sits next to the URL field.
    await page.getByLabel("Name", { exact: true }).fill("E2E receiver");
    const url = page.getByLabel("URL", { exact: true });
    await url.fill("ftp://x");
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(url).toHaveAttribute("aria-invalid", "true");
    await expect(url).toHaveAccessibleDescription("Use an https:// URL.");
    await expect(url).toBeFocused();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("E2E receiver");

    await url.fill(`${receiver.url}/hook`);
    await expect(page.getByRole("radio", { name: /All events/ })).toBeChecked();
    await page.getByRole("button", { name: "Create endpoint" }).click();
    await expect(page.getByText("Endpoint E2E receiver created")).toBeVisible();
    await expect(page).toHaveURL(/\/webhooks\/ep_/);
    await expect(page.getByRole("heading", { level: 1, name: "E2E receiver" })).toBeVisible();

    // Reveal, then rotate with the default 24 h overlap.
    const current = page.getByLabel("Current signing secret", { exact: true });
    await page.getByRole("button", { name: "Reveal" }).click();
    await expect(current).toHaveText(/^whsec_[A-Za-z0-9+/]+=*$/);
    const oldSecret = (await current.textContent())!.trim();

    await page.getByRole("button", { name: "Rotate…" }).click();
    const dialog = page.getByRole("dialog", { name: "Rotate signing secret" });
    await expect(dialog.getByRole("radio", { name: /24 hours/ })).toBeChecked();
    await dialog.getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByText(/Secret rotated\. The old secret keeps signing until/)).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(current).not.toHaveText(oldSecret);
    await expect(current).toHaveText(/^whsec_/);
    const newSecret = (await current.textContent())!.trim();
    await expect(page.getByLabel("Previous signing secret 1")).toHaveText(oldSecret);
    await expect(page.getByText(/stops signing in (23|24) hours/)).toBeVisible();

    // Send a test event and read the receiver's answer inline.
    await page.getByRole("button", { name: "Send test event" }).click();
    const result = page.getByRole("group", { name: "Test result" });
    await expect(result.getByText("succeeded", { exact: true })).toBeVisible();
    await expect(result).toContainText("200");
    await expect(result.getByLabel("Test response body")).toContainText('"by": "e2e-receiver"');

    // What the receiver got: one POST, signed for both secrets during the overlap.
    expect(receiver.requests).toHaveLength(1);
    const [req] = receiver.requests;
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/hook");
    expect(header(req.headers, "content-type")).toContain("application/json");
    const signatures = header(req.headers, "webhook-signature").split(" ");
    expect(signatures).toHaveLength(2);
    for (const s of signatures) expect(s).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

    const standard = {
      "webhook-id": header(req.headers, "webhook-id"),
      "webhook-timestamp": header(req.headers, "webhook-timestamp"),
      "webhook-signature": header(req.headers, "webhook-signature"),
    };
    for (const secret of [oldSecret, newSecret]) {
      const event = new Webhook(secret).verify(req.body, standard) as { type: string };
      expect(event.type).toBe("webhook.test");
    }
    const stranger = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    expect(() => new Webhook(stranger).verify(req.body, standard)).toThrow();

    const timestamp = header(req.headers, "x-webhook-timestamp");
    const expected = `sha256=${createHmac("sha256", Buffer.from(newSecret, "utf8")).update(`${timestamp}.${req.body}`).digest("hex")}`;
    expect(header(req.headers, "x-webhook-signature")).toBe(expected);
    expect(header(req.headers, "x-webhook-event")).toBe("webhook.test");

    // Disable it from the list: the status follows at once and survives a reload.
    await page.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Webhooks" }).click();
    const row = page.getByRole("row", { name: /E2E receiver/ });
    const toggle = row.getByRole("switch", { name: "Active: E2E receiver" });
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    await expect(row).toContainText("disabled");
    await expect(page.getByText("E2E receiver disabled: no events are sent to it.")).toBeVisible();
    await page.reload();
    await expect(row).toContainText("disabled");
    await expect(row).toContainText("Disabled by a user.");

    // Delete it, after confirming.
    await row.getByRole("link", { name: "E2E receiver" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "E2E receiver" })).toBeVisible();
    await page.getByRole("region", { name: "Danger zone" }).getByRole("button", { name: "Delete endpoint" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete endpoint?" });
    await expect(confirm).toContainText("E2E receiver");
    await confirm.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page.getByText("Endpoint E2E receiver deleted")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/orgs/${demo.organization_id}/webhooks$`));
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expect(page.getByRole("row", { name: /E2E receiver/ })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});

test("a project's Webhooks tab pre-scopes new endpoints and lists only that project's", async ({ page, request }) => {
  const demo = await demoCredentials();
  await signIn(page, demo.email, demo.password);
  await page.goto(`/orgs/${demo.organization_id}/projects/${demo.project_id}/webhooks`);
  await expect(page.getByRole("heading", { level: 2, name: "Webhooks" })).toBeVisible();
  await expect(page.getByRole("link", { name: "organization's Webhooks page" })).toBeVisible();
  await page.getByRole("link", { name: "Add endpoint" }).first().click();

  await expect(page.getByLabel("Scope")).toHaveValue(demo.project_id);
  await page.getByLabel("Name", { exact: true }).fill("Build watcher");
  await page.getByLabel("URL", { exact: true }).fill("https://hooks.example.com/builds");

  // Pick the build events with the group checkbox, then drop one: the group becomes mixed.
  await page.getByRole("radio", { name: /Selected events/ }).check();
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByText("Select at least one event type, or choose All events.")).toBeVisible();
  const builds = page.getByRole("checkbox", { name: "All build events" });
  await builds.check();
  await expect(page.getByRole("checkbox", { name: /build\.succeeded/ })).toBeChecked();
  await page.getByRole("checkbox", { name: /build\.superseded/ }).uncheck();
  await expect(builds).toBeChecked({ indeterminate: true });

  await page.getByRole("radio", { name: /Discord/ }).check();
  await expect(page.getByText("Events arrive as readable Discord messages")).toBeVisible();
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header name 1").fill("X-Team");
  await page.getByLabel("Header value 1").fill("audio");
  await page.getByRole("button", { name: "Create endpoint" }).click();
  await expect(page.getByText("Endpoint Build watcher created")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Build watcher" })).toBeVisible();
  const endpointId = page.url().split("/").pop()!;
  await expect(page.getByText("5 events").first()).toBeVisible();

  // The settings form is prefilled with what was saved.
  const settings = page.getByRole("region", { name: "Settings" });
  await expect(settings.getByLabel("Header value 1")).toHaveValue("audio");
  await expect(settings.getByRole("radio", { name: /Discord/ })).toBeChecked();
  await settings.getByLabel("Description").fill("Tells the audio team about builds");
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Settings of Build watcher saved")).toBeVisible();
  await expect(page.getByText("Tells the audio team about builds").first()).toBeVisible();

  await page.goto(`/orgs/${demo.organization_id}/projects/${demo.project_id}/webhooks`);
  const row = page.getByRole("row", { name: /Build watcher/ });
  await expect(row).toContainText("5 events");
  await expect(row).toContainText("Discord");

  // A toggle the server refuses (the endpoint was deleted meanwhile) is rolled back with a message.
  const deleted = await request.delete(`/api/v1/webhooks/${endpointId}`, { headers: { authorization: `Bearer ${demo.api_key}` } });
  expect(deleted.status()).toBe(200);
  await row.getByRole("switch", { name: "Active: Build watcher" }).click();
  await expect(page.getByText(/Could not disable Build watcher: .*not found/)).toBeVisible();
  await expect(row).toHaveCount(0);
});
