import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";
import type { DemoCredentials } from "@/lib/demo/seed";

export type { DemoCredentials } from "@/lib/demo/seed";

/** The credentials the server wrote on first start (the same ones it printed). */
export async function demoCredentials(): Promise<DemoCredentials> {
  const file = join(process.env.E2E_DATA_DIR!, "demo-credentials.json");
  await expect.poll(() => existsSync(file), { message: `waiting for ${file}` }).toBe(true);
  return JSON.parse(readFileSync(file, "utf8")) as DemoCredentials;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Projects", exact: true })).toBeVisible();
}
