import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, PASSWORD, hydrated, signIn, uniqueName } from "./helpers";

/** A resource open around the clock every day, in UTC so the test can name its hours. */
async function openResource(request: APIRequestContext): Promise<{ id: number; name: string; admin: Record<string, string> }> {
  const token = await request.post("/api/v1/token", { form: ADMIN });
  expect(token.status()).toBe(200);
  const admin = { authorization: `Bearer ${(await token.json()).access_token}` };
  const name = uniqueName("Room");
  const created = await request.post("/api/v1/resources", { headers: admin, data: { name, timezone: "UTC", capacity: 4 } });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id;
  const hours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day_of_week: day, open_time: "00:00", close_time: "24:00" }));
  expect((await request.put(`/api/v1/resources/${id}/business-hours`, { headers: admin, data: { hours } })).status()).toBe(200);
  return { id, name, admin };
}

/** Tomorrow's date in UTC, as the API and the booking dialog write it. */
function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** A new person with the ordinary user role, signed in. */
async function signInNewUser(page: Page): Promise<string> {
  const username = uniqueName("booker");
  expect((await page.request.post("/api/v1/register", { data: { username, password: PASSWORD } })).status()).toBe(201);
  await signIn(page, username, PASSWORD);
  return username;
}

async function openResourcePage(page: Page, id: number, name: string) {
  await page.goto(`/resources/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await hydrated(page);
}

test("book a free hour from the week grid and see it become mine without a reload", async ({ page, request }) => {
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  await openResourcePage(page, id, name);

  const day = page.locator("section.day").nth(1);
  await day.getByRole("button", { name: "10:00–11:00 free" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Date")).toHaveValue(tomorrow());
  await expect(dialog.getByLabel("Start")).toHaveValue("10:00");
  await expect(dialog.getByLabel("End")).toHaveValue("11:00");
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  await dialog.getByLabel("Title (optional)").fill("Planning");
  await dialog.getByRole("button", { name: "Book" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toContainText("10:00–11:00");
  await expect(day.getByRole("button", { name: "10:00–11:00 yours" })).toBeVisible();
  await expect(day.getByRole("button", { name: "11:00–12:00 free" })).toBeVisible();

  await page.getByRole("link", { name: "My bookings" }).first().click();
  const upcoming = page.locator("section#upcoming");
  await expect(upcoming.locator(".booking-card")).toHaveCount(1);
  await expect(upcoming).toContainText(name);
  await expect(upcoming).toContainText("10:00–11:00 (UTC)");
  await expect(upcoming).toContainText("Planning");
  await expect(upcoming).toContainText("Confirmed");
});

test("an overlapping range shows the conflict before submitting, and booking it is refused", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  const taken = await request.post("/api/v1/reservations", {
    headers: admin,
    data: { resource_id: id, start_time: `${tomorrow()}T14:00:00Z`, end_time: `${tomorrow()}T15:00:00Z` },
  });
  expect(taken.status()).toBe(201);
  await signInNewUser(page);
  await openResourcePage(page, id, name);

  const day = page.locator("section.day").nth(1);
  await expect(day.getByRole("button", { name: "14:00–15:00 taken" })).toBeVisible();
  await day.getByRole("button", { name: "13:00–14:00 free" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  await dialog.getByLabel("End").fill("15:00");
  await expect(dialog.getByText("This cannot be booked:")).toBeVisible();
  await expect(dialog.getByText("It overlaps a booking from 14:00 to 15:00.")).toBeVisible();

  await dialog.getByRole("button", { name: "Book" }).click();
  await expect(dialog.getByText("It overlaps a booking from 14:00 to 15:00.")).toBeVisible();
  await expect(dialog).toBeVisible();
  const mine = await page.request.get("/api/v1/reservations/my");
  expect((await mine.json()).data).toHaveLength(0);

  // Escape closes the dialog and focus returns to the slot that opened it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(day.getByRole("button", { name: "13:00–14:00 free" })).toBeFocused();
});

test("cancel a booking from my bookings", async ({ page, request }) => {
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  const booked = await page.request.post("/api/v1/reservations", {
    headers: { origin: new URL(page.url()).origin },
    data: { resource_id: id, start_time: `${tomorrow()}T09:00:00Z`, end_time: `${tomorrow()}T10:00:00Z` },
  });
  expect(booked.status()).toBe(201);

  await page.goto("/reservations");
  await expect(page.getByRole("heading", { level: 1, name: "My bookings" })).toBeVisible();
  await hydrated(page);
  const upcoming = page.locator("section#upcoming");
  await expect(upcoming).toContainText(name);
  await upcoming.getByRole("button", { name: `Cancel booking: ${name}` }).click();
  await expect(upcoming.getByText("Cancel this booking?")).toBeVisible();
  await upcoming.getByRole("button", { name: "Yes, cancel it" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Booking cancelled." })).toBeVisible();
  await expect(upcoming.locator(".booking-card")).toHaveCount(0);
  const ended = page.locator("section#ended");
  await expect(ended).toContainText(name);
  await expect(ended).toContainText("Cancelled");

  // The freed hour is bookable again on the resource's page.
  await openResourcePage(page, id, name);
  await expect(page.locator("section.day").nth(1).getByRole("button", { name: "09:00–10:00 free" })).toBeVisible();
});

test("book a range with the keyboard alone", async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name === "mobile", "a phone has no keyboard; touch booking is covered above");
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  await openResourcePage(page, id, name);

  // Tab into the grid: it is one tab stop (the first free hour). Then to tomorrow 08:00.
  const grid = page.locator(".week");
  for (let i = 0; i < 40 && !(await grid.evaluate((g) => g.contains(document.activeElement))); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(page.locator(".week .slot[data-state=free]").first()).toBeFocused();
  // Late in the (UTC) day the first free hour may already be tomorrow's.
  if (await page.locator("section.day").nth(0).evaluate((d) => d.contains(document.activeElement))) {
    await page.keyboard.press("ArrowRight");
  }
  await page.keyboard.press("Home");
  const day = page.locator("section.day").nth(1);
  await expect(day.getByRole("button", { name: "00:00–01:00 free" })).toBeFocused();
  for (let i = 0; i < 8; i++) await page.keyboard.press("ArrowDown");
  await expect(day.getByRole("button", { name: "08:00–09:00 free" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Selection starts at 08:00.")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(day.getByRole("button", { name: "09:00–10:00 selected" })).toBeFocused();
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Start")).toHaveValue("08:00");
  await expect(dialog.getByLabel("End")).toHaveValue("10:00");
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  // The dialog takes focus (its first field); Tab walks its fields to the Book button.
  await expect(dialog.getByLabel("Date")).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: "Book" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toContainText("08:00–10:00");
  await expect(day.getByRole("button", { name: "08:00–09:00 yours" })).toBeVisible();
  await expect(day.getByRole("button", { name: "09:00–10:00 yours" })).toBeFocused();
});
