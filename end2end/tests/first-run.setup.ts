import { expect, test } from "@playwright/test";
import { ADMIN, hydrated } from "./helpers";

test("the first visitor creates the administrator on /setup, once", async ({ page }) => {
  await page.goto("/setup");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up Reserver");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill("weak");
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByRole("alert")).toContainText("at least 8 characters");

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create administrator" }).click();
  await expect(page.getByText(`Signed in as ${ADMIN.username}`)).toBeVisible();

  await page.goto("/setup");
  await expect(page.getByText("Reserver is already set up.")).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveCount(0);
});
