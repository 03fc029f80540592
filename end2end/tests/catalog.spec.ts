import { expect, test, type APIRequestContext } from "@playwright/test";
import { ADMIN, hydrated, signIn, uniqueName } from "./helpers";

async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post("/api/v1/token", { form: ADMIN });
  expect(response.status()).toBe(200);
  return (await response.json()).access_token;
}

test("filter the catalog by two tags, open a resource and see its week", async ({ page, request }) => {
  const token = await adminToken(request);
  const headers = { authorization: `Bearer ${token}` };
  const quiet = uniqueName("quiet");
  const screen = uniqueName("screen");
  const both = uniqueName("Both");
  for (const [name, tags] of [
    [both, [quiet, screen]],
    [uniqueName("QuietOnly"), [quiet]],
    [uniqueName("ScreenOnly"), [screen]],
  ] as const) {
    const created = await request.post("/api/v1/resources", {
      headers,
      data: { name, tags, timezone: "Europe/Paris", capacity: 6, resource_type: "Room" },
    });
    expect(created.status()).toBe(201);
    if (name === both) {
      const id = (await created.json()).id;
      const hours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day_of_week: day, open_time: "00:00", close_time: "24:00" }));
      expect((await request.put(`/api/v1/resources/${id}/business-hours`, { headers, data: { hours } })).status()).toBe(200);
      expect((await request.put(`/api/v1/resources/${id}/rules`, { headers, data: { max_duration_minutes: 120 } })).status()).toBe(200);
    }
  }

  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole("link", { name: "Resources" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Resources" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("checkbox", { name: new RegExp(quiet) }).check();
  await page.getByRole("checkbox", { name: new RegExp(screen) }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`tags=${quiet}.*tags=${screen}`));
  const cards = page.locator(".resource-card");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(both);
  await expect(cards.first()).toContainText("6 seats");

  await page.getByRole("link", { name: both }).click();
  await expect(page.getByRole("heading", { level: 1, name: both })).toBeVisible();
  await expect(page.getByText("At most 120 minutes per booking.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Availability from / })).toBeVisible();
  // The admin's zone is UTC: each hour is also written in it.
  await expect(page.getByText("Times are shown in Europe/Paris, where the resource is, and in your zone (UTC) under each.")).toBeVisible();
  const days = page.locator("section.day");
  await expect(days).toHaveCount(7);
  // Tomorrow is wholly free: every hour is listed as free, in words as well as in colour.
  const tomorrow = days.nth(1);
  await expect(tomorrow.locator(".slot[data-available=true]").first()).toContainText("free");
  expect(await tomorrow.locator(".slot[data-available=false]").count()).toBe(0);
});
