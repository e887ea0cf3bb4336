import { expect, test } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";
import { startReceiver } from "./receiver";

test("a failed delivery shows the receiver's answer, and Resend gets it through once the receiver is fixed", async ({ page, request }) => {
  const demo = await demoCredentials();
  const receiver = await startReceiver({ status: 500, body: "receiver is down for maintenance" });
  try {
    const auth = { authorization: `Bearer ${demo.api_key}` };
    const created = await request.post("/api/v1/webhooks", {
      headers: auth,
      data: { name: "Flaky receiver", url: `${receiver.url}/flaky`, project_id: demo.project_id, events: ["project.updated"] },
    });
    expect(created.status()).toBe(201);
    // Changing the project publishes project.updated.
    const patched = await request.patch(`/api/v1/projects/${demo.project_id}`, { headers: auth, data: { description: "Now with resends" } });
    expect(patched.status()).toBe(200);
    await expect.poll(() => receiver.requests.length).toBeGreaterThan(0);

    await signIn(page, demo.email, demo.password);
    await page.goto(`/orgs/${demo.organization_id}/projects/${demo.project_id}/deliveries`);
    const row = page.getByRole("row", { name: /project\.updated/ }).filter({ hasText: "Flaky receiver" });
    await expect(row).toContainText("500");
    await row.getByRole("button", { name: /Open delivery of project\.updated/ }).click();

    const drawer = page.getByRole("dialog", { name: "Delivery of project.updated" });
    await expect(drawer.getByLabel("Response body of attempt 1")).toHaveText("receiver is down for maintenance");
    await expect(drawer.getByText("Last error: HTTP 500: receiver is down for maintenance")).toBeVisible();

    receiver.answer({ status: 200, body: "thanks" });
    await drawer.getByRole("button", { name: "Resend" }).click();
    await expect(page.getByText("Resent: the endpoint answered 200.")).toBeVisible();
    await expect(drawer.getByText("succeeded").first()).toBeVisible();
    await expect(drawer.getByText("manual")).toBeVisible();

    const ids = new Set(receiver.requests.map((r) => r.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    await page.keyboard.press("Escape");
    await expect(row.getByText("succeeded")).toBeVisible();

    // Replay the event to the same endpoint: one more request, still the same webhook-id.
    const before = receiver.requests.length;
    await row.getByRole("button", { name: /Open delivery of project\.updated/ }).click();
    await expect(drawer.getByLabel("Replay this event to")).toHaveValue(/^ep_/);
    await drawer.getByRole("button", { name: "Replay" }).click();
    await expect(page.getByText("Replay queued to Flaky receiver.")).toBeVisible();
    await expect.poll(() => receiver.requests.length).toBe(before + 1);
    expect(new Set(receiver.requests.map((r) => r.headers["webhook-id"])).size).toBe(1);
  } finally {
    await receiver.close();
  }
});
