import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { ADMIN, hydrated, signInNewUser, uniqueName } from "./helpers";

/** A new resource type and a resource of that type open around the clock, in UTC. */
async function typedResource(request: APIRequestContext) {
  const token = await request.post("/api/v1/token", { form: ADMIN });
  const admin = { authorization: `Bearer ${(await token.json()).access_token}` };
  const typeName = uniqueName("Pod");
  const kind = await request.post("/api/v1/resource-types", { headers: admin, data: { name: typeName } });
  expect(kind.status()).toBe(201);
  const typeId = (await kind.json()).id;
  const name = uniqueName("Booth");
  const created = await request.post("/api/v1/resources", {
    headers: admin,
    data: { name, timezone: "UTC", resource_type: typeId },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id;
  const hours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day_of_week: day, open_time: "00:00", close_time: "24:00" }));
  expect((await request.put(`/api/v1/resources/${id}/business-hours`, { headers: admin, data: { hours } })).status()).toBe(200);
  return { id, name, typeId, typeName };
}

/** Opens the command palette, as a keyboard user (Ctrl+K) or by its button on touch screens. */
async function openPalette(page: Page, isMobile: boolean, label = "Commands") {
  if (isMobile) {
    await page.getByRole("button", { name: new RegExp(label) }).click();
  } else {
    await page.keyboard.press("Control+k");
  }
  const palette = page.getByRole("dialog", { name: label });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole("combobox")).toBeFocused();
  return palette;
}

test("home lists my bookings and books what is free now in two steps", async ({ page, request }) => {
  const { id, name, typeId } = await typedResource(request);
  await signInNewUser(page);
  // A booking in two days is "coming up", not today.
  const later = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const origin = { origin: new URL(page.url()).origin };
  const booked = await page.request.post("/api/v1/reservations", {
    headers: origin,
    data: { resource_id: id, start_time: `${later}T09:00:00Z`, end_time: `${later}T10:00:00Z`, title: "Retro" },
  });
  expect(booked.status()).toBe(201);

  await page.goto(`/?type=${typeId}`);
  await hydrated(page);
  await expect(page.locator("section#today")).toContainText("Nothing booked for today.");
  const next = page.locator("section#next");
  await expect(next).toContainText(name);
  await expect(next).toContainText("Retro");
  await expect(next).toContainText("09:00–10:00 (UTC)");

  // Only the chosen type is listed, so the new resource is there whatever else exists.
  const free = page.locator("section#free-now");
  await expect(free.locator(".resource-card")).toHaveCount(1);
  await expect(free).toContainText(name);
  await expect(free.getByText(/^Free from \d\d:\d\d$/)).toBeVisible();
  await free.getByRole("button", { name: `Book now: ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  await dialog.getByRole("button", { name: "Book" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toBeVisible();
  // The page reads my day again: the booking just made is today's (or, just before
  // midnight UTC, the next), and the resource is no longer free now.
  await expect(page.locator("section#today, section#next").filter({ hasText: name }).locator(".booking-card")).toHaveCount(2);
  await expect(free).toContainText("Nothing of this kind is free for the next half hour.");
  // The button that opened the dialog is gone: focus is on the list's heading, not lost.
  await expect(free.getByRole("heading", { name: "Free now" })).toBeFocused();
});

test("the command palette finds a type free now, goes to a resource and switches language", async ({ page, request, isMobile }) => {
  const { id, name, typeId, typeName } = await typedResource(request);
  await signInNewUser(page);
  await page.goto("/reservations");
  await hydrated(page);

  let palette = await openPalette(page, isMobile);
  const input = palette.getByRole("combobox");
  await input.fill(`available ${typeName}`);
  await expect(palette.getByRole("option")).toHaveText([`Available ${typeName} now`]);
  await expect(palette.getByRole("option").first()).toHaveAttribute("aria-selected", "true");
  await input.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/\\?type=${typeId}#free-now$`));
  await expect(page.locator("section#free-now")).toContainText(name);
  await hydrated(page);

  palette = await openPalette(page, isMobile);
  await palette.getByRole("combobox").fill(name);
  const goTo = palette.getByRole("option", { name: `Go to ${name}` });
  await expect(goTo).toBeVisible();
  // Arrow keys move the choice; Enter runs the chosen command. (Wait until only commands
  // about the resource are listed: the list follows the typing a moment later.)
  const options = palette.getByRole("option");
  await expect(async () => {
    const texts = await options.allTextContents();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((text) => text.includes(name))).toBe(true);
  }).toPass();
  const count = await options.count();
  const index = (await options.allTextContents()).indexOf(`Go to ${name}`);
  for (let i = 0; i < index; i++) await palette.getByRole("combobox").press("ArrowDown");
  await expect(options.nth(index)).toHaveAttribute("aria-selected", "true");
  expect(count).toBeGreaterThan(index);
  await palette.getByRole("combobox").press("Enter");
  await expect(page).toHaveURL(new RegExp(`/resources/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await hydrated(page);

  palette = await openPalette(page, isMobile);
  await palette.getByRole("combobox").fill("Español");
  await palette.getByRole("option", { name: "Language: Español" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(palette).toBeHidden();
  await expect(page.getByRole("button", { name: /Comandos/ })).toBeVisible();

  // Escape closes the palette and nothing runs.
  const before = page.url();
  palette = await openPalette(page, isMobile, "Comandos");
  await expect(palette.getByRole("option").first()).toHaveText("Nueva reserva");
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  expect(page.url()).toBe(before);
});
