import { expect, test } from "@playwright/test";
import { ADMIN, hydrated, openResource, signIn, signInNewUser } from "./helpers";

/** `days` days from today in UTC, as the API writes dates. */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("an admin reads a resource's coming use, busiest times and downloads, in three languages", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  // Two bookings at 09:00 (tomorrow and the day after) and one at 13:00 tomorrow: 3 hours.
  for (const [day, start, end] of [
    [1, "09", "10"],
    [2, "09", "10"],
    [1, "13", "14"],
  ] as const) {
    const booked = await request.post("/api/v1/reservations", {
      headers: admin,
      data: { resource_id: id, start_time: `${inDays(day)}T${start}:00:00Z`, end_time: `${inDays(day)}T${end}:00:00Z` },
    });
    expect(booked.status()).toBe(201);
  }

  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 2, name: "Utilisation by resource" })).toBeVisible();

  await page.getByLabel("Period").selectOption({ label: "Next 7 days" });
  // Located by CSS: at 375 px the table is laid out as blocks.
  const row = page.locator("tr", { has: page.getByRole("link", { name, exact: true }) }).locator("td");
  // Open around the clock: 168 hours in the week, 3 of them booked (1.8 %).
  await expect(row).toHaveText(["3", "3.0", "168.0", "1.8 %"]);
  await expect(page.getByTestId("analytics-peak-summary")).toContainText("Busiest hour: 09:00–10:00.");
  const peaks = page.locator("section", { has: page.getByRole("heading", { name: "Busiest times" }) });
  await expect(peaks.locator("tr", { hasText: "13:00–14:00" })).toBeVisible();
  const csv = page.getByRole("link", { name: "Utilisation by resource (CSV)" });
  await expect(csv).toHaveAttribute("href", /^\/api\/v1\/analytics\/export\/utilization\.csv\?from=.+Z&to=.+Z$/);
  const download = await page.request.get((await csv.getAttribute("href")) ?? "");
  expect(download.status()).toBe(200);
  expect(await download.text()).toContain(name);

  // The same figures in Spanish and French, numbers written their way.
  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { level: 1, name: "Estadísticas" })).toBeVisible();
  await expect(row).toHaveText(["3", "3,0", "168,0", "1,8 %"]);
  await page.getByLabel("Idioma").selectOption("fr");
  await expect(page.getByRole("heading", { level: 2, name: "Occupation par ressource" })).toBeVisible();
  await expect(page.getByTestId("analytics-peak-summary")).toContainText("Heure la plus demandée : 09:00–10:00.");
  await page.getByLabel("Langue").selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
});

test("people without analytics rights have no link to it and are told so", async ({ page }) => {
  await signInNewUser(page);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Analytics" })).toHaveCount(0);
  await page.goto("/admin/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  await expect(page.getByText("You do not have permission to do that.")).toBeVisible();
});
