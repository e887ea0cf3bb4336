import { expect, test } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";
import { startReceiver } from "./receiver";

const SHOTS = process.env.E2E_SHOTS_DIR ?? "test-results/screenshots";
// Tall enough that the Health card is on screen whole, below the sticky header, for its screenshots.
test.use({ viewport: { width: 1280, height: 1400 } });

test("an endpoint's health shows in the list and on its page: rate, attempts, latency and the chart", async ({ page, request }) => {
  const demo = await demoCredentials();
  const receiver = await startReceiver({ status: 200, body: "ok" });
  try {
    const auth = { authorization: `Bearer ${demo.api_key}` };
    const create = async (name: string) => {
      const res = await request.post("/api/v1/webhooks", { headers: auth, data: { name, url: `${receiver.url}/${name}`, events: ["build.failed"] } });
      expect(res.status()).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const flaky = await create("Health flaky");
    await create("Health quiet");
    // Real attempts through the delivery core: 3 answered 200, then 2 answered 500.
    const sendTest = async () => expect((await request.post(`/api/v1/webhooks/${flaky}/test`, { headers: auth })).status()).toBe(200);
    for (let i = 0; i < 3; i++) await sendTest();
    receiver.answer({ status: 500, body: "receiver is down" });
    for (let i = 0; i < 2; i++) await sendTest();
    expect(receiver.requests).toHaveLength(5);

    const api = await request.get(`/api/v1/webhooks/${flaky}/health?window=7d`, { headers: auth });
    expect(api.status()).toBe(200);
    expect(await api.json()).toMatchObject({ window: "7d", health: { attempts_24h: 5, success_rate_24h: 0.6, state: "active" } });

    await signIn(page, demo.email, demo.password);
    await page.goto(`/orgs/${demo.organization_id}/webhooks`);
    const table = page.getByRole("table", { name: "Endpoints" });
    await expect(table.getByRole("columnheader", { name: "Health" })).toBeVisible();
    const flakyRow = table.getByRole("row").filter({ hasText: "Health flaky" });
    await expect(flakyRow.getByText("60.0% · 5")).toBeVisible();
    await expect(flakyRow.getByText("Last 24 hours: 60.0% of 5 attempts succeeded.")).toBeAttached();
    await expect(table.getByRole("row").filter({ hasText: "Health quiet" }).getByText("No traffic")).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/endpoint-health-list.png`, fullPage: true });

    await flakyRow.getByRole("link", { name: "Health flaky" }).click();
    const card = page.getByRole("region", { name: "Health", exact: true });
    await expect(card.getByText("60.0%")).toBeVisible();
    await expect(card.getByRole("definition").filter({ hasText: /^5$/ })).toBeVisible();
    await expect(card.getByText("Failing since")).toBeVisible();
    await expect(card.getByText("Not failing")).toHaveCount(0);
    await expect(card.getByText("active", { exact: true })).toBeVisible();
    await expect(card.locator(".recharts-bar-rectangle path").first()).toBeVisible();
    await expect(card.getByText("per hour", { exact: true })).toBeVisible();

    // The chart's tooltip, with the mouse over the current hour's bar.
    const bars = card.locator(".recharts-bar-rectangle path");
    await bars.last().hover();
    await expect(card.getByText("Success rate", { exact: true }).last()).toBeVisible();
    await expect(card.locator(".recharts-tooltip-wrapper")).toContainText("Failed2");
    await card.screenshot({ path: `${SHOTS}/endpoint-health-card.png` });

    // The window toggle is keyboard operable (arrow keys, ARIA tabs).
    const day = card.getByRole("tab", { name: "24 h" });
    await expect(day).toHaveAttribute("aria-selected", "true");
    await day.focus();
    await page.keyboard.press("ArrowRight");
    await expect(card.getByRole("tab", { name: "7 d" })).toHaveAttribute("aria-selected", "true");
    await expect(card.getByRole("tab", { name: "7 d" })).toBeFocused();
    await expect(card.getByText("per 6 hours", { exact: true })).toBeVisible();
    await expect(card.getByText("last 7 days", { exact: true })).toBeVisible();
    await card.screenshot({ path: `${SHOTS}/endpoint-health-card-7d.png` });

    // An endpoint without attempts says so.
    await page.goto(`/orgs/${demo.organization_id}/webhooks`);
    await table.getByRole("link", { name: "Health quiet" }).click();
    const quiet = page.getByRole("region", { name: "Health", exact: true });
    await expect(quiet.getByText(/No attempts in the last 24 hours — send a test event/)).toBeVisible();
    await expect(quiet.getByText("Never", { exact: true })).toBeVisible();
    await quiet.screenshot({ path: `${SHOTS}/endpoint-health-card-empty.png` });
  } finally {
    await receiver.close();
  }
});
