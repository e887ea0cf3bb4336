import { expect, test } from "@playwright/test";
import { demoCredentials, signIn } from "./helpers";

test("an owner invites a developer who signs up from the link and confirms, then changes their role (which signs them out); the owner creates, switches to and deletes an organization", async ({
  browser,
}) => {
  const demo = await demoCredentials();
  const invitee = `invitee-${Date.now()}@example.test`;
  const owner = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const newcomer = await browser.newContext();
  try {
    // The owner (signed in once) invites a new person as a developer and copies the link.
    const page = await owner.newPage();
    await signIn(page, demo.email, demo.password);
    const nav = page.getByRole("navigation", { name: "Organization" });
    await nav.getByRole("link", { name: "Members" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Roles" })).toContainText("Manages projects, webhook endpoints and trigger rules");
    await page.getByRole("button", { name: "Invite member" }).click();
    const invite = page.getByRole("dialog", { name: "Invite a member" });
    await invite.getByLabel("Email").fill(invitee);
    await invite.getByLabel("Role").selectOption("developer");
    await invite.getByRole("button", { name: "Create invitation" }).click();
    const created = page.getByRole("dialog", { name: "Copy the invitation link" });
    await expect(created).toContainText("This is the only time the link is shown.");
    const shown = (await created.getByTestId("invitation-link").textContent())!.trim();
    expect(shown).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await created.getByRole("button", { name: "Copy link" }).click();
    await expect(page.getByText("Copied to clipboard")).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(shown);
    await created.getByRole("button", { name: "Done" }).click();
    const pending = page.getByRole("table", { name: "Pending invitations" });
    await expect(pending.getByRole("row", { name: new RegExp(invitee) })).toContainText("developer");

    // Someone else, signed out, opens the link and signs up with the invited email filled in.
    const guest = await newcomer.newPage();
    await guest.goto(new URL(link).pathname);
    await expect(guest.getByRole("heading", { name: "Join Demo Studio" })).toBeVisible();
    await expect(guest.getByText(`${demo.email} invited ${invitee} to join Demo Studio as a developer.`)).toBeVisible();
    await guest.getByRole("link", { name: "Create an account" }).click();
    const email = guest.getByLabel("Email");
    await expect(email).toHaveValue(invitee);
    await expect(email).toHaveAttribute("readonly", "");
    await guest.getByLabel("Name").fill("Ivy Invitee");
    await guest.getByLabel("Password").fill("a long enough password");
    await guest.getByRole("button", { name: "Create account" }).click();

    // Back on the invitation, signed in: nothing is joined until they confirm.
    await expect(guest.getByRole("heading", { name: "Join Demo Studio?" })).toBeVisible();
    await expect(guest.getByText(`You are signed in as ${invitee}`)).toBeVisible();
    await page.reload();
    await expect(page.getByRole("table", { name: "Members" }).getByRole("row", { name: new RegExp(invitee) })).toHaveCount(0);
    await guest.getByRole("button", { name: "Join Demo Studio as a developer" }).click();

    // They land in Demo Studio as a developer.
    await expect(guest).toHaveURL(new RegExp(`/orgs/${demo.organization_id}$`));
    await expect(guest.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
    await expect(guest.getByRole("banner").getByText("developer", { exact: true })).toBeVisible();
    await expect(guest.getByRole("combobox", { name: "Organization" })).toHaveValue(demo.organization_id);
    await expect(guest.getByRole("option", { name: "Demo Studio (developer)" })).toBeAttached();

    // A developer creates a webhook endpoint, but may not reveal its signing secret.
    await guest.getByRole("navigation", { name: "Organization" }).getByRole("link", { name: "Webhooks" }).click();
    await guest.getByRole("link", { name: "Add endpoint" }).first().click();
    await guest.getByLabel("Name", { exact: true }).fill("Ivy's endpoint");
    await guest.getByLabel("URL", { exact: true }).fill("http://127.0.0.1:9/ivy");
    await guest.getByRole("button", { name: "Create endpoint" }).click();
    await expect(guest.getByText("Endpoint Ivy's endpoint created")).toBeVisible();
    await expect(guest.getByRole("heading", { level: 1, name: "Ivy's endpoint" })).toBeVisible();
    await expect(guest.getByRole("button", { name: "Reveal" })).toBeDisabled();
    await expect(guest.getByText("Only admins and owners can reveal or rotate signing secrets.").first()).toBeVisible();
    // (and removes it again, so that no other test sees it)
    await guest.getByRole("region", { name: "Danger zone" }).getByRole("button", { name: "Delete endpoint" }).click();
    await guest.getByRole("dialog", { name: "Delete endpoint?" }).getByRole("button", { name: "Delete endpoint" }).click();
    await expect(guest.getByText("Endpoint Ivy's endpoint deleted")).toBeVisible();

    // The owner sees them among the members, no longer invited, and makes them a viewer.
    await page.reload();
    const row = page.getByRole("table", { name: "Members" }).getByRole("row", { name: new RegExp(invitee) });
    await expect(row).toContainText("Ivy Invitee");
    const role = row.getByRole("combobox", { name: "Role of Ivy Invitee" });
    await expect(role).toHaveValue("developer");
    await expect(page.getByRole("region", { name: "Pending invitations" }).getByText(invitee)).toHaveCount(0);
    await role.selectOption("viewer");
    await expect(page.getByText("Ivy Invitee is now a viewer")).toBeVisible();
    await expect(role).toHaveValue("viewer");
    // A role change ends their sessions: the next request signs them out; signed in again, they are a viewer.
    await guest.reload();
    await expect(guest).toHaveURL(/\/sign-in/);
    await guest.getByLabel("Email").fill(invitee);
    await guest.getByLabel("Password").fill("a long enough password");
    await guest.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(guest.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
    await guest.goto(`/orgs/${demo.organization_id}`);
    await expect(guest.getByRole("banner").getByText("viewer", { exact: true })).toBeVisible();

    // The owner creates a second organization from the switcher, switches between the two, and deletes the new one.
    const switcher = page.getByRole("combobox", { name: "Organization" });
    await switcher.selectOption({ label: "+ New organization…" });
    await expect(page.getByRole("heading", { name: "Create an organization" })).toBeVisible();
    await page.getByLabel("Organization name").fill("Side Project Studio");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByText("Side Project Studio created. You are its owner.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
    await expect(switcher.locator("option:checked")).toHaveText("Side Project Studio (owner)");
    const second = new URL(page.url()).pathname.split("/")[2];
    expect(second).toMatch(/^org_/);

    await switcher.selectOption({ label: "Demo Studio (owner)" });
    await expect(page).toHaveURL(new RegExp(`/orgs/${demo.organization_id}$`));
    await expect(page.getByRole("link", { name: "MyPlugin" }).first()).toBeVisible();
    await switcher.selectOption({ label: "Side Project Studio (owner)" });
    await expect(page).toHaveURL(new RegExp(`/orgs/${second}$`));

    await nav.getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await page.getByRole("region", { name: "Danger zone" }).getByRole("button", { name: "Delete organization" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete organization?" });
    const submit = confirm.getByRole("button", { name: "Delete organization" });
    await expect(submit).toBeDisabled();
    await confirm.getByLabel("Type “Side Project Studio” to confirm").fill("Side Project");
    await expect(submit).toBeDisabled();
    await confirm.getByLabel("Type “Side Project Studio” to confirm").fill("Side Project Studio");
    await submit.click();
    await expect(page.getByText("Side Project Studio and everything in it was deleted")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/orgs/${demo.organization_id}$`));
    await expect(switcher.getByRole("option", { name: "Side Project Studio (owner)" })).toHaveCount(0);
    expect((await page.request.get(`/orgs/${second}`)).status()).toBe(404);
  } finally {
    await owner.close();
    await newcomer.close();
  }
});
