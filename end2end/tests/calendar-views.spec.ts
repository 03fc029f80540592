import { type APIRequestContext, expect, test } from "@playwright/test";
import { ADMIN, hydrated, openResource, openResourcePage, signInNewUser, tomorrow, uniqueName } from "./helpers";

/** A date as the English pages write it: "Monday, 23 November". */
function longDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
  const month = d.toLocaleDateString("en-GB", { month: "long", timeZone: "UTC" });
  return `${weekday}, ${d.getUTCDate()} ${month}`;
}

/** A new resource type with two new resources of it (in UTC), for the day timeline. */
async function typeOfTwo(request: APIRequestContext, prefix: string) {
  const token = await request.post("/api/v1/token", { form: ADMIN });
  const admin = { authorization: `Bearer ${(await token.json()).access_token}` };
  const typeName = uniqueName(prefix);
  const kind = await request.post("/api/v1/resource-types", { headers: admin, data: { name: typeName } });
  expect(kind.status()).toBe(201);
  const typeId: number = (await kind.json()).id;
  const names = [uniqueName(`A-${prefix}`), uniqueName(`B-${prefix}`)];
  const ids: number[] = [];
  for (const name of names) {
    const created = await request.post("/api/v1/resources", { headers: admin, data: { name, timezone: "UTC", resource_type: typeId } });
    expect(created.status()).toBe(201);
    ids.push((await created.json()).id);
  }
  return { admin, typeName, typeId, names, ids };
}

test("a resource's month, day and week views, from one to the other", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  const day = tomorrow();
  const taken = await request.post("/api/v1/reservations", {
    headers: admin,
    data: { resource_id: id, start_time: `${day}T10:00:00Z`, end_time: `${day}T11:00:00Z` },
  });
  expect(taken.status()).toBe(201);
  await signInNewUser(page);

  await page.goto(`/resources/${id}?view=month&from=${day}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await hydrated(page);
  const monthName = new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
  await expect(page.getByRole("heading", { name: `Availability in ${monthName}` })).toBeVisible();
  const views = page.getByRole("navigation", { name: "Calendar view" });
  await expect(views.getByRole("link", { name: "Month" })).toHaveAttribute("aria-current", "page");
  const table = page.locator("table.month");
  await expect(table.getByRole("columnheader")).toHaveCount(7);
  await expect(table.getByRole("columnheader").first()).toHaveText("Mon");
  // Tomorrow is open all day, less the hour the admin took.
  const cell = table.getByRole("link", { name: `${longDate(day)}: 23 free hours` });
  await expect(cell).toBeVisible();
  await cell.click();

  await expect(page.getByRole("heading", { name: `Availability on ${longDate(day)}` })).toBeVisible();
  await expect(views.getByRole("link", { name: "Day" })).toHaveAttribute("aria-current", "page");
  await hydrated(page);
  const column = page.locator("section.day");
  await expect(column).toHaveCount(1);
  await expect(column.getByRole("button", { name: "10:00–11:00 taken" })).toBeVisible();
  await column.getByRole("button", { name: "12:00–13:00 free" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByLabel("Date")).toHaveValue(day);
  await dialog.getByRole("button", { name: "Book" }).click();
  await expect(dialog).toBeHidden();
  await expect(column.getByRole("button", { name: "12:00–13:00 yours" })).toBeVisible();

  await page.getByRole("navigation", { name: "Calendar pages" }).getByRole("link", { name: "Next" }).click();
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await expect(page.getByRole("heading", { name: `Availability on ${longDate(next)}` })).toBeVisible();

  await views.getByRole("link", { name: "Week" }).click();
  await expect(page.getByRole("heading", { name: `Availability from ${longDate(next)}` })).toBeVisible();
  await expect(page.locator("section.day")).toHaveCount(7);
});

test("the day timeline shows the resources of a type, a row each, and books from a row", async ({ page, request }) => {
  const { admin, typeName, typeId, names, ids } = await typeOfTwo(request, "Bay");
  const day = tomorrow();
  const taken = await request.post("/api/v1/reservations", {
    headers: admin,
    data: { resource_id: ids[0], start_time: `${day}T10:00:00Z`, end_time: `${day}T11:00:00Z` },
  });
  expect(taken.status()).toBe(201);
  await signInNewUser(page);

  await page.goto(`/timeline?date=${day}`);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1, name: "Day timeline" })).toBeVisible();
  await page.getByLabel("Type", { exact: true }).selectOption({ label: typeName });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`type=${typeId}`));
  await expect(page.getByText("Showing 2 of 2 resources.")).toBeVisible();
  const rows = page.locator("section.timeline-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole("heading")).toContainText(names[0]);
  await expect(rows.nth(0).getByRole("button", { name: "10:00 taken" })).toBeVisible();
  await expect(rows.nth(1).getByRole("button", { name: "10:00 free" })).toBeVisible();

  await rows.nth(1).getByRole("button", { name: "12:00 free" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByLabel("Date")).toHaveValue(day);
  await expect(dialog.getByLabel("Start")).toHaveValue("12:00");
  await dialog.getByRole("button", { name: "Book" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toContainText("12:00–13:00");
  await expect(page.locator("section.timeline-row").nth(1).getByRole("button", { name: "12:00 yours" })).toBeVisible();
});

test("the booking dialog stays open, as typed, when the page it is on is read again", async ({ page, request }) => {
  const { admin, typeId, ids } = await typeOfTwo(request, "Pod");
  const day = tomorrow();
  await signInNewUser(page);
  await page.goto(`/timeline?date=${day}&type=${typeId}`);
  await hydrated(page);
  const rows = page.locator("section.timeline-row");
  await expect(rows.nth(0).getByRole("button", { name: "10:00 free" })).toBeVisible();

  // Someone else books: the page is read again, and the answer is held back until the dialog
  // has been opened and filled in.
  let answer = () => {};
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route("**/api/fn/day_timeline", async (route) => {
    await held;
    await route.continue();
  });
  const readAgain = page.waitForRequest("**/api/fn/day_timeline");
  const taken = await request.post("/api/v1/reservations", {
    headers: admin,
    data: { resource_id: ids[0], start_time: `${day}T10:00:00Z`, end_time: `${day}T11:00:00Z` },
  });
  expect(taken.status()).toBe(201);
  await readAgain;
  await rows.nth(1).getByRole("button", { name: "12:00 free" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByLabel("Start")).toHaveValue("12:00");
  await dialog.getByLabel("Title").fill("Kept while the page changed");

  const read = page.waitForResponse("**/api/fn/day_timeline");
  answer();
  await read;
  await expect(rows.nth(0).getByRole("button", { name: "10:00 taken" })).toBeVisible();
  await expect(dialog.getByLabel("Title")).toHaveValue("Kept while the page changed");
  await dialog.getByRole("button", { name: "Book" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toContainText("12:00–13:00");
});

test("the day timeline moves by keyboard along a row and between rows", async ({ page, request, isMobile }) => {
  test.skip(isMobile, "touch screens have no arrow keys; the row buttons are tapped instead");
  const { typeId } = await typeOfTwo(request, "Dock");
  await signInNewUser(page);
  await page.goto(`/timeline?date=${tomorrow()}&type=${typeId}`);
  await hydrated(page);
  const rows = page.locator("section.timeline-row");
  await rows.nth(0).getByRole("button", { name: "00:00 free" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(rows.nth(0).getByRole("button", { name: "01:00 free" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(rows.nth(1).getByRole("button", { name: "01:00 free" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(rows.nth(1).getByRole("button", { name: "23:00 free" })).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByLabel("Start")).toHaveValue("23:00");
  await expect(dialog.getByLabel("End")).toHaveValue("24:00");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(rows.nth(1).getByRole("button", { name: "23:00 free" })).toBeFocused();

  // Once booked, the day is read again and focus is back on the hour, now taken.
  await page.keyboard.press("Enter");
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  await dialog.getByRole("button", { name: "Book" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toContainText("23:00");
  await expect(rows.nth(1).getByRole("button", { name: "23:00 yours" })).toBeFocused();
});

test("someone in another zone sees each hour in their own time beside the resource's", async ({ page, request }) => {
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  const zone = await page.request.patch("/api/v1/users/me/preferences", {
    headers: { origin: new URL(page.url()).origin },
    data: { timezone: "Asia/Tokyo" },
  });
  expect(zone.status()).toBe(200);

  await openResourcePage(page, id, name);
  await expect(page.getByText("Times are shown in UTC, where the resource is, and in your zone (Asia/Tokyo) under each.")).toBeVisible();
  const day = page.locator("section.day").nth(1);
  // Tokyo is nine hours ahead of UTC all year.
  await expect(day.getByRole("button", { name: "09:00–10:00 18:00–19:00 your time free" })).toBeVisible();
  await expect(day.getByRole("button", { name: "20:00–21:00 05:00–06:00 your time, the next day free" })).toBeVisible();
});

test("the day timeline shows someone in another zone their own time on the rows that are not in it", async ({ page, request }) => {
  const token = await request.post("/api/v1/token", { form: ADMIN });
  const admin = { authorization: `Bearer ${(await token.json()).access_token}` };
  const typeName = uniqueName("Booth");
  const typeId = (await (await request.post("/api/v1/resource-types", { headers: admin, data: { name: typeName } })).json()).id;
  for (const [name, timezone] of [[uniqueName("A-booth"), "UTC"], [uniqueName("B-booth"), "Asia/Tokyo"]]) {
    expect((await request.post("/api/v1/resources", { headers: admin, data: { name, timezone, resource_type: typeId } })).status()).toBe(201);
  }
  await signInNewUser(page);
  const zone = await page.request.patch("/api/v1/users/me/preferences", {
    headers: { origin: new URL(page.url()).origin },
    data: { timezone: "Asia/Tokyo" },
  });
  expect(zone.status()).toBe(200);

  await page.goto(`/timeline?date=${tomorrow()}&type=${typeId}`);
  await expect(
    page.getByText("Each row's hours are in its resource's zone; where that is not yours (Asia/Tokyo), your time is shown under each hour."),
  ).toBeVisible();
  const rows = page.locator("section.timeline-row");
  await expect(rows.nth(0).getByRole("heading")).toContainText("UTC");
  // Tokyo is nine hours ahead of UTC all year.
  await expect(rows.nth(0).getByRole("button", { name: "09:00 18:00–19:00 your time free" })).toBeVisible();
  await expect(rows.nth(0).getByRole("button", { name: "20:00 05:00–06:00 your time, the next day free" })).toBeVisible();
  // The Tokyo resource is in the person's own zone: one time only.
  await expect(rows.nth(1).getByRole("button", { name: "09:00 free", exact: true })).toBeVisible();
  await expect(rows.nth(1).getByText("your time")).toHaveCount(0);
});
