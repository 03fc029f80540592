import * as fs from "node:fs";
import { type APIRequestContext, type Locator, expect, test } from "@playwright/test";
import { ADMIN, PASSWORD, hydrated, openResource, openResourcePage, signIn, signInNewUser, tomorrow, uniqueName } from "./helpers";

/** Where a pointer rests to press on the middle of a slot. */
async function centre(slot: Locator) {
  const box = (await slot.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
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

test("book overnight: an end earlier than the start is on the next day", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  const dayAfter = plusDays(tomorrow(), 1);
  const early = await adminBooks(request, admin, id, `${dayAfter}T03:00:00Z`, `${dayAfter}T04:00:00Z`);
  expect(early.status()).toBe(201);
  await signInNewUser(page);
  await openResourcePage(page, id, name);

  await page.locator("section.day").nth(1).getByRole("button", { name: "22:00–23:00 free" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  await expect(dialog.getByText("Ends the next day")).toHaveCount(0);
  // Until 04:00 meets the next morning's booking, which is named with its date.
  await dialog.getByLabel("End").fill("04:00");
  await expect(dialog.getByText(`It overlaps a booking on ${longDate(dayAfter)}, from 03:00 to 04:00.`)).toBeVisible();
  await dialog.getByLabel("End").fill("02:00");
  await expect(dialog.getByText(`Ends the next day (${longDate(dayAfter)}).`)).toBeVisible();
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  await dialog.getByRole("button", { name: "Book" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toContainText("22:00–02:00 the next day");
  await expect(page.locator("section.day").nth(1).getByRole("button", { name: "23:00–24:00 yours" })).toBeVisible();
  const nextDay = page.locator("section.day").nth(2);
  await expect(nextDay.getByRole("button", { name: "01:00–02:00 yours" })).toBeVisible();
  await expect(nextDay.getByRole("button", { name: "02:00–03:00 free" })).toBeVisible();

  await page.getByRole("link", { name: "My bookings" }).first().click();
  const upcoming = page.locator("section#upcoming");
  await expect(upcoming).toContainText("22:00–02:00 the next day (UTC)");
  const [mine] = (await (await page.request.get("/api/v1/reservations/my")).json()).data;
  expect([mine.start_time, mine.end_time]).toEqual([`${tomorrow()}T22:00:00Z`, `${dayAfter}T02:00:00Z`]);

  // Moving it keeps the night, and says so; an hour later ends at 03:00 the next day.
  await hydrated(page);
  await upcoming.getByRole("button", { name: `Move booking: ${name}` }).click();
  const form = upcoming.getByRole("form", { name: `Move booking: ${name}` });
  await expect(form.getByText("Ends the next day")).toBeVisible();
  await form.getByLabel("Start").fill("23:00");
  await form.getByLabel("End").fill("03:00");
  await form.getByRole("button", { name: "Move booking" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved to" })).toContainText("23:00–03:00 the next day");
  const [moved] = (await (await page.request.get("/api/v1/reservations/my")).json()).data;
  expect([moved.start_time, moved.end_time]).toEqual([`${tomorrow()}T23:00:00Z`, `${dayAfter}T03:00:00Z`]);
});

test("an overlapping range shows the conflict before submitting, and booking it is refused", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  const taken = await adminBooks(request, admin, id, `${tomorrow()}T14:00:00Z`, `${tomorrow()}T15:00:00Z`);
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

test("someone else's booking and cancellation appear on the open week grid without a reload", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  await signInNewUser(page);
  await openResourcePage(page, id, name);
  const day = page.locator("section.day").nth(1);
  await expect(day.getByRole("button", { name: "15:00–16:00 free" })).toBeVisible();
  await expect(page.locator("body")).toHaveAttribute("data-live", "open");
  let reloaded = false;
  page.on("load", () => (reloaded = true));

  const made = await adminBooks(request, admin, id, `${tomorrow()}T15:00:00Z`, `${tomorrow()}T16:00:00Z`);
  expect(made.status()).toBe(201);
  await expect(day.getByRole("button", { name: "15:00–16:00 taken" })).toBeVisible();

  // A change that arrives while the booking dialog is open waits until it closes.
  await day.getByRole("button", { name: "17:00–18:00 free" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await dialog.getByLabel("Title (optional)").fill("Draft");
  const { id: booking } = await made.json();
  expect((await request.post(`/api/v1/reservations/${booking}/cancel`, { headers: admin, data: {} })).status()).toBe(200);
  await page.waitForTimeout(1500);
  await expect(dialog.getByLabel("Title (optional)")).toHaveValue("Draft");
  await page.keyboard.press("Escape");
  await expect(day.getByRole("button", { name: "15:00–16:00 free" })).toBeVisible();
  expect(reloaded).toBe(false);
});

test("a booking made after the page was read but before it was listening still shows", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  await signInNewUser(page);
  // The page's connection reaches the server only once the booking below is made.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = "";
  await page.routeWebSocket(/\/ws/, async (socket) => {
    asked = socket.url();
    await held;
    socket.connectToServer();
  });
  await openResourcePage(page, id, name);
  const day = page.locator("section.day").nth(1);
  await expect(day.getByRole("button", { name: "15:00–16:00 free" })).toBeVisible();
  let reloaded = false;
  page.on("load", () => (reloaded = true));
  const made = await adminBooks(request, admin, id, `${tomorrow()}T15:00:00Z`, `${tomorrow()}T16:00:00Z`);
  expect(made.status()).toBe(201);
  // Long since handed to the connections then open, so the page can only learn of it by asking.
  await page.waitForTimeout(500);
  release();
  await expect(day.getByRole("button", { name: "15:00–16:00 taken" })).toBeVisible();
  expect(asked).toMatch(/\/ws\?catch_up_ms=\d+$/);
  expect(reloaded).toBe(false);
});

test("a change heard while a range is being chosen waits until the choice is over", async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name === "mobile", "the selection is started with the keyboard; touch is covered by the drag test");
  const { id, name, admin } = await openResource(request);
  await signInNewUser(page);
  // Bookings made by tests running alongside are heard too: count only this resource's.
  let heard = 0;
  page.on("websocket", (socket) =>
    socket.on("framereceived", (frame) => {
      const { type, data } = JSON.parse(String(frame.payload));
      if (type === "reservation_created" && data.resource_id === id) heard += 1;
    }),
  );
  await openResourcePage(page, id, name);
  await expect(page.locator("body")).toHaveAttribute("data-live", "open");
  const day = page.locator("section.day").nth(1);
  await day.getByRole("button", { name: "08:00–09:00 free" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Selection starts at 08:00.")).toBeVisible();

  const made = await adminBooks(request, admin, id, `${tomorrow()}T15:00:00Z`, `${tomorrow()}T16:00:00Z`);
  expect(made.status()).toBe(201);
  // Heard, and longer than a reading of the page waits for more changes (500 ms): still chosen.
  await expect.poll(() => heard).toBe(1);
  await page.waitForTimeout(1500);
  await expect(page.getByText("Selection starts at 08:00.")).toBeVisible();
  await expect(day.getByRole("button", { name: "15:00–16:00 free" })).toBeVisible();
  // Giving the choice up reads the week again, and the slot keeps keyboard focus.
  await page.keyboard.press("Escape");
  await expect(day.getByRole("button", { name: "15:00–16:00 taken" })).toBeVisible();
  await expect(day.getByRole("button", { name: "08:00–09:00 free" })).toBeFocused();
});

test("a reading of the week already under way when a drag begins waits until the range is chosen", async ({ page, request }, testInfo) => {
  test.skip(testInfo.project.name === "mobile", "the range is dragged with a mouse; touch is covered by the drag test");
  const { id, name, admin } = await openResource(request);
  await signInNewUser(page);
  await openResourcePage(page, id, name);
  await expect(page.locator("body")).toHaveAttribute("data-live", "open");
  const day = page.locator("section.day").nth(1);
  const [first, middle, last] = ["10:00–11:00", "11:00–12:00", "12:00–13:00"].map((hours) => day.getByRole("button", { name: `${hours} free` }));
  await first.scrollIntoViewIfNeeded();
  const [from, over, to] = [await centre(first), await centre(middle), await centre(last)];

  // Someone else books: the page reads the week again, and its answer is held back until a
  // drag has begun.
  let answer = () => {};
  const held = new Promise<void>((resolve) => (answer = resolve));
  await page.route("**/api/fn/resource_details", async (route) => {
    await held;
    await route.continue();
  });
  const readAgain = page.waitForRequest("**/api/fn/resource_details");
  const made = await adminBooks(request, admin, id, `${tomorrow()}T15:00:00Z`, `${tomorrow()}T16:00:00Z`);
  expect(made.status()).toBe(201);
  await readAgain;
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(over.x, over.y, { steps: 4 });
  await expect(day.getByRole("button", { name: "10:00–11:00 selected" })).toBeVisible();

  const read = page.waitForResponse("**/api/fn/resource_details");
  answer();
  await read;
  await page.waitForTimeout(300);
  // The drag goes on over the week first shown, and books the range it covered.
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await expect(day.getByRole("button", { name: "12:00–13:00 selected" })).toBeVisible();
  await expect(day.getByRole("button", { name: "15:00–16:00 free" })).toBeVisible();
  await page.mouse.up();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByLabel("Start")).toHaveValue("10:00");
  await expect(dialog.getByLabel("End")).toHaveValue("13:00");
  // Then the week read meanwhile is shown.
  await expect(day.getByRole("button", { name: "15:00–16:00 taken" })).toBeVisible();
  await dialog.getByRole("button", { name: "Book" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toContainText("10:00–13:00");
  await expect(day.getByRole("button", { name: "11:00–12:00 yours" })).toBeVisible();
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

test("download a booking as an .ics file for a calendar application", async ({ page, request }) => {
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  const booked = await page.request.post("/api/v1/reservations", {
    headers: { origin: new URL(page.url()).origin },
    data: { resource_id: id, start_time: `${tomorrow()}T09:00:00Z`, end_time: `${tomorrow()}T10:30:00Z`, title: "Planning" },
  });
  expect(booked.status()).toBe(201);
  const reservation = await booked.json();

  await page.goto("/reservations");
  await hydrated(page);
  const link = page.locator("section#upcoming").getByRole("link", { name: `Add to calendar (.ics): ${name}` });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`reservation-${reservation.id}.ics`);
  const file = fs.readFileSync(await download.path(), "utf8");
  const day = tomorrow().replaceAll("-", "");
  expect(file).toContain("BEGIN:VCALENDAR\r\n");
  expect(file).toContain(`\r\nDTSTART:${day}T090000Z\r\nDTEND:${day}T103000Z\r\n`);
  expect(file).toContain("\r\nSUMMARY:Planning\r\n");
  expect(file).toContain(`\r\nLOCATION:${name}\r\n`);
  // The page is still my bookings: the router did not try to show the file as a page.
  await expect(page.getByRole("heading", { level: 1, name: "My bookings" })).toBeVisible();
});

test("drag over free hours, with a mouse or by touching and holding on a phone, and book the range", async ({ page, request }, testInfo) => {
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  await openResourcePage(page, id, name);

  const day = page.locator("section.day").nth(1);
  const first = day.getByRole("button", { name: "10:00–11:00 free" });
  const last = day.getByRole("button", { name: "12:00–13:00 free" });
  await first.scrollIntoViewIfNeeded();
  const [from, to] = [await centre(first), await centre(last)];
  const steps = Array.from({ length: 8 }, (_, i) => ({ x: from.x + ((to.x - from.x) * (i + 1)) / 8, y: from.y + ((to.y - from.y) * (i + 1)) / 8 }));
  if (testInfo.project.name === "mobile") {
    // A finger rests on 10:00, then slides down to 12:00: the page must not scroll under it.
    const scrolled = await page.evaluate(() => window.scrollY);
    const touch = await page.context().newCDPSession(page);
    await touch.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [from] });
    await page.waitForTimeout(700);
    for (const point of steps) await touch.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [point] });
    await expect(day.getByRole("button", { name: "11:00–12:00 selected" })).toBeVisible();
    await touch.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
  } else {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (const point of steps) await page.mouse.move(point.x, point.y);
    await expect(day.getByRole("button", { name: "11:00–12:00 selected" })).toBeVisible();
    await page.mouse.up();
  }

  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Start")).toHaveValue("10:00");
  await expect(dialog.getByLabel("End")).toHaveValue("13:00");
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  await dialog.getByRole("button", { name: "Book" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toContainText("10:00–13:00");
  await expect(day.getByRole("button", { name: "12:00–13:00 yours" })).toBeVisible();
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
  // The dialog takes focus (its first field); Tab walks its fields (the date's day, month and
  // year parts one by one) to the Book button.
  await expect(dialog.getByLabel("Date")).toBeFocused();
  const book = dialog.getByRole("button", { name: "Book" });
  for (let i = 0; i < 10 && !(await book.evaluate((b) => b === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(book).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Booked:" })).toContainText("08:00–10:00");
  await expect(day.getByRole("button", { name: "08:00–09:00 yours" })).toBeVisible();
  await expect(day.getByRole("button", { name: "09:00–10:00 yours" })).toBeFocused();
});

test("a request on an approval resource is approved by its approver on /approvals", async ({ page, request, browser }) => {
  const { id, name, admin } = await openResource(request);
  const approver = uniqueName("approver");
  expect((await request.post("/api/v1/register", { data: { username: approver, password: PASSWORD } })).status()).toBe(201);
  const settings = await request.put(`/api/v1/approvals/resources/${id}/settings`, {
    headers: admin,
    data: { requires_approval: true, approvers: [approver] },
  });
  expect(settings.status()).toBe(200);

  const requester = await signInNewUser(page);
  await openResourcePage(page, id, name);
  const day = page.locator("section.day").nth(1);
  await day.getByRole("button", { name: "11:00–12:00 free" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByText("Free: your request will wait for an approver.")).toBeVisible();
  await dialog.getByRole("button", { name: "Book" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Requested:" })).toContainText("An approver will decide.");
  // On the grid the hour is my request, not a booking yet.
  await expect(day.getByRole("button", { name: "11:00–12:00 yours, awaiting approval" })).toBeVisible();
  await page.goto("/reservations");
  await expect(page.locator("section#upcoming")).toContainText("Awaiting approval");

  const approverContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const board = await approverContext.newPage();
  await signIn(board, approver, PASSWORD);
  await board.goto("/approvals");
  await expect(board.getByRole("heading", { level: 1, name: "Approvals" })).toBeVisible();
  await hydrated(board);
  const waiting = board.locator("section#pending");
  await expect(waiting).toContainText(name);
  await expect(waiting).toContainText(`Requested by ${requester}`);
  await waiting.getByLabel("Reason (optional)").fill("Enjoy the room");
  await waiting.getByRole("button", { name: `Approve ${requester}'s booking of ${name}` }).click();
  await expect(board.getByRole("status").filter({ hasText: "Approved: the booking is confirmed." })).toBeVisible();
  await expect(waiting.locator(".booking-card")).toHaveCount(0);
  const approved = board.locator("section#approved");
  await expect(approved).toContainText(name);
  await expect(approved).toContainText("Reason: Enjoy the room");
  await approverContext.close();

  await page.reload();
  await expect(page.locator("section#upcoming")).toContainText("Confirmed");
});

test("the booking pages speak Spanish and French, dates included", async ({ page, request }) => {
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  await openResourcePage(page, id, name);
  const months = {
    es: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
  };
  const date = new Date(Date.now() + 86_400_000);
  const day = date.getUTCDate();
  const month = date.getUTCMonth();

  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { name: /^Disponibilidad desde el / })).toBeVisible();
  await expect(page.locator("section.day").nth(1).getByRole("heading")).toContainText(`${day} de ${months.es[month]}`);
  await page.locator("section.day").nth(1).getByRole("button", { name: "10:00–11:00 libre" }).click();
  const dialogEs = page.getByRole("dialog", { name: "Nueva reserva" });
  await expect(dialogEs.getByText("Libre: puede reservarla.")).toBeVisible();
  await expect(dialogEs.getByRole("button", { name: "Reservar" })).toBeVisible();
  await dialogEs.getByRole("button", { name: "Cancelar" }).click();

  // The choice is remembered: a fresh load renders in the chosen language on the server.
  await page.getByLabel("Idioma").selectOption("fr");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: /^Disponibilités à partir du / })).toBeVisible();
  await expect(page.locator("section.day").nth(1).getByRole("heading")).toContainText(`${day} ${months.fr[month]}`);
  await page.getByRole("link", { name: "Mes réservations" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Mes réservations" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /À venir/ })).toBeVisible();
});

test("join the waitlist for a taken hour, get it offered when the owner cancels, accept it", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  const taken = await adminBooks(request, admin, id, `${tomorrow()}T15:00:00Z`, `${tomorrow()}T16:00:00Z`);
  expect(taken.status()).toBe(201);
  const takenId = (await taken.json()).id;
  await signInNewUser(page);
  await openResourcePage(page, id, name);

  const day = page.locator("section.day").nth(1);
  await day.getByRole("button", { name: "15:00–16:00 taken" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByText("It overlaps a booking from 15:00 to 16:00.")).toBeVisible();
  await dialog.getByRole("button", { name: "Join the waitlist for this time" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "You are on the waitlist" })).toContainText("15:00–16:00");

  await page.getByRole("link", { name: "See my waitlist" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My waitlist" })).toBeVisible();
  const entry = page.locator(".booking-card").filter({ hasText: name });
  await expect(entry).toContainText("Waiting");
  await expect(entry).toContainText("next in line");
  await expect(page.locator("body")).toHaveAttribute("data-live", "open");

  // The owner cancels: the hour is offered to the first in line and held for them; the open
  // page shows the offer without a reload.
  expect((await request.post(`/api/v1/reservations/${takenId}/cancel`, { headers: admin, data: {} })).status()).toBe(200);
  await expect(entry).toContainText("Offered");
  await expect(entry).toContainText("Offered to you:");
  const countdown = entry.locator(".countdown");
  await expect(countdown).toContainText(/Held for you for \d+:\d\d/);
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before ?? "", { timeout: 5_000 });
  await entry.getByRole("button", { name: `Accept the offer for ${name}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Accepted: it is now one of your bookings." })).toBeVisible();
  await expect(entry).toContainText("Accepted");

  await page.goto("/reservations");
  const upcoming = page.locator("section#upcoming");
  await expect(upcoming).toContainText(name);
  await expect(upcoming).toContainText("15:00–16:00");
  await expect(upcoming).toContainText("Confirmed");
});

/** The admin books `start`..`end` (RFC 3339) on resource `id` through the API. */
function adminBooks(request: APIRequestContext, admin: Record<string, string>, id: number, start: string, end: string) {
  return request.post("/api/v1/reservations", { headers: admin, data: { resource_id: id, start_time: start, end_time: end } });
}

/** `date` (YYYY-MM-DD) plus `days`, as the API writes dates. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A date as the English pages write it: "Monday, 23 November". */
function longDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = d.toLocaleDateString("en-GB", { weekday: "long", timeZone: "UTC" });
  const month = d.toLocaleDateString("en-GB", { month: "long", timeZone: "UTC" });
  return `${weekday}, ${d.getUTCDate()} ${month}`;
}

test("book a weekly series from the dialog and see its skipped occurrence", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  const first = tomorrow();
  const clash = plusDays(first, 14);
  const taken = await adminBooks(request, admin, id, `${clash}T10:00:00Z`, `${clash}T11:00:00Z`);
  expect(taken.status()).toBe(201);
  await signInNewUser(page);
  await openResourcePage(page, id, name);

  await page.locator("section.day").nth(1).getByRole("button", { name: "10:00–11:00 free" }).click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  await dialog.getByLabel("Repeat").selectOption({ label: "Every week" });
  await expect(dialog.getByLabel("Number of times")).toHaveValue("4");

  // The preview lists the four weeks before anything is booked; the third is taken.
  const preview = dialog.locator(".series-preview");
  await expect(preview).toContainText("In the series: 4. Can be booked: 3. Will be skipped: 1.");
  await expect(preview.locator("li")).toHaveCount(4);
  await expect(preview.locator('li[data-state="skipped"]')).toHaveText(
    `${longDate(clash)}, 10:00–11:00 (UTC): will be skipped. It overlaps a booking from 10:00 to 11:00.`,
  );
  await expect(preview.locator('li[data-state="free"]').first()).toHaveText(`${longDate(first)}, 10:00–11:00 (UTC): free`);
  // Two occurrences instead: the clash is beyond them.
  await dialog.getByLabel("Number of times").fill("2");
  await expect(preview).toContainText("In the series: 2. Can be booked: 2. Will be skipped: 0.");
  await dialog.getByLabel("Number of times").fill("4");
  await expect(preview).toContainText("Will be skipped: 1.");

  await dialog.getByLabel("Title (optional)").fill("Weekly sync");
  await dialog.getByRole("button", { name: "Book" }).click();
  await expect(dialog).toBeHidden();
  const status = page.getByRole("status").filter({ hasText: "in the series" });
  await expect(status).toContainText("Booked 3 of 4 in the series.");
  await expect(status).toContainText("Skipped, as they cannot be booked:");
  await expect(status.locator("li")).toHaveText([`${longDate(clash)}, 10:00–11:00 (UTC): will be skipped. It overlaps a booking from 10:00 to 11:00.`]);
  await expect(page.locator("section.day").nth(1).getByRole("button", { name: "10:00–11:00 yours" })).toBeVisible();

  await page.goto("/reservations");
  await hydrated(page);
  const upcoming = page.locator("section#upcoming");
  await expect(upcoming.locator(".booking-card")).toHaveCount(3);
  await expect(upcoming).toContainText(`${longDate(plusDays(first, 7))}, 10:00–11:00 (UTC)`);
  await expect(upcoming).toContainText(`${longDate(plusDays(first, 21))}, 10:00–11:00 (UTC)`);
  await expect(upcoming).not.toContainText(`${longDate(clash)}, 10:00–11:00 (UTC)`);
});

test("move a booking from my bookings, and see a taken time refused", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  const day = tomorrow();
  const taken = await adminBooks(request, admin, id, `${day}T15:00:00Z`, `${day}T16:00:00Z`);
  expect(taken.status()).toBe(201);
  await signInNewUser(page);
  const booked = await page.request.post("/api/v1/reservations", {
    headers: { origin: new URL(page.url()).origin },
    data: { resource_id: id, start_time: `${day}T09:00:00Z`, end_time: `${day}T10:00:00Z` },
  });
  expect(booked.status()).toBe(201);

  await page.goto("/reservations");
  await hydrated(page);
  const upcoming = page.locator("section#upcoming");
  await upcoming.getByRole("button", { name: `Move booking: ${name}` }).click();
  const form = upcoming.getByRole("form", { name: `Move booking: ${name}` });
  await expect(form.getByLabel("Start")).toHaveValue("09:00");
  await form.getByLabel("Start").fill("15:00");
  await form.getByLabel("End").fill("16:00");
  await form.getByRole("button", { name: "Move booking" }).click();
  await expect(form.getByRole("alert")).toHaveText("That time is already booked. Your booking was not moved.");

  await form.getByLabel("Start").fill("11:00");
  await form.getByLabel("End").fill("12:30");
  await form.getByRole("button", { name: "Move booking" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Moved to" })).toContainText("11:00–12:30 (UTC)");
  await expect(upcoming.locator(".booking-card")).toHaveCount(1);
  await expect(upcoming).toContainText("11:00–12:30 (UTC)");
  const mine = await (await page.request.get("/api/v1/reservations/my")).json();
  expect(mine.data[0].start_time).toContain(`${day}T11:00:00`);
});
