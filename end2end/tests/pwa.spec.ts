import { type BrowserContext, type Page, expect, test } from "@playwright/test";

import { hydrated, openResource, signInNewUser, tomorrow } from "./helpers";

test.use({ serviceWorkers: "allow" });

/** The network is gone, for the page and for its service worker alike. */
async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
}

/** Waits until the service worker answers for this page. */
async function workerInCharge(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** Books tomorrow `from`–`to` (UTC hours) on `resource` as the signed-in user of `page`. */
async function book(page: Page, resource: number, from: string, to: string, title: string) {
  const booked = await page.request.post("/api/v1/reservations", {
    headers: { origin: new URL(page.url()).origin },
    data: { resource_id: resource, start_time: `${tomorrow()}T${from}:00Z`, end_time: `${tomorrow()}T${to}:00Z`, title },
  });
  expect(booked.status()).toBe(201);
}

/** Whether the service worker has kept the page at `path`. */
async function kept(page: Page, path: string) {
  return page.evaluate(async (path) => (await caches.match(path, { cacheName: "reserver-pages" })) !== undefined, path);
}

/** A new user with a booking titled `title`, on My bookings, kept for offline reading. */
async function bookingKeptOffline(page: Page, request: Parameters<typeof openResource>[0], title: string) {
  const { id } = await openResource(request);
  await signInNewUser(page);
  await book(page, id, "09:00", "10:00", title);
  await page.goto("/reservations");
  await hydrated(page);
  await workerInCharge(page);
  // Loaded through the service worker, which keeps it.
  await page.reload();
  await hydrated(page);
  await expect(page.locator("section#upcoming").getByText(title)).toBeVisible();
  await expect.poll(() => kept(page, "/reservations")).toBe(true);
  return id;
}

test("the app can be installed: a manifest names it, its start page and icons, and a service worker runs it", async ({ page, request }) => {
  await page.goto("/");
  await hydrated(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const response = await request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: "Reserver", start_url: "/", scope: "/", display: "standalone" });
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"]).toBe(icon.type);
  }
  await workerInCharge(page);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
  // What Chromium itself checks before it offers to install the app.
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors.filter((e: { errorId: string }) => e.errorId !== "in-incognito")).toEqual([]);
});

test("offline, my bookings show as last opened, marked as a saved copy; a page never opened says I am offline", async ({ page, context, request }) => {
  const resource = await bookingKeptOffline(page, request, "Offline planning");
  const notice = page.locator("#offline-copy");
  await expect(notice).toHaveCount(1);
  await expect(notice).toBeHidden();
  // Online, the page comes from the server, as it is now.
  await book(page, resource, "11:00", "12:00", "Booked later");
  await page.reload();
  await hydrated(page);
  await expect(page.locator("section#upcoming").getByText("Booked later")).toBeVisible();
  await expect(notice).toBeHidden();

  await goOffline(context);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My bookings" })).toBeVisible();
  await expect(page.locator("section#upcoming").getByText("Offline planning")).toBeVisible();
  await expect(page.locator("section#upcoming").getByText("Booked later")).toBeVisible();
  await expect(notice).toBeVisible();
  await expect(notice).toHaveText(/^You are offline: this is a saved copy of this page/);
  // The app's code was kept too: the copy comes up as the app.
  await hydrated(page);

  // Chromium tells the saved copy it is online as it is left: it must not reload itself then.
  await page.goto("/waitlist");
  await expect(page.getByRole("heading", { level: 1, name: "You are offline" })).toBeVisible();
  // Plain HTML: the app would take it for the waitlist page.
  await expect(page.locator("script")).toHaveCount(0);
  await expect(page.locator("section.offline").getByRole("link", { name: "My bookings" })).toHaveAttribute("href", "/reservations");
});

test("signing out forgets the pages kept for offline reading, even when the sign-out cannot reach the server", async ({ page, context, request }) => {
  await bookingKeptOffline(page, request, "Private planning");
  await goOffline(context);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("button", { name: "Sign out" }).click();
  await expect.poll(() => kept(page, "/reservations")).toBe(false);

  await page.goto("/reservations");
  await expect(page.getByRole("heading", { level: 1, name: "You are offline" })).toBeVisible();
  await expect(page.getByText("Private planning")).toHaveCount(0);
});

test("a page that finds nobody signed in (the session ended elsewhere) forgets the pages kept", async ({ page, context, request }) => {
  await bookingKeptOffline(page, request, "Ended planning");
  await context.clearCookies();
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect.poll(() => kept(page, "/reservations")).toBe(false);

  await goOffline(context);
  await page.goto("/reservations");
  await expect(page.getByRole("heading", { level: 1, name: "You are offline" })).toBeVisible();
  await expect(page.getByText("Ended planning")).toHaveCount(0);
});

test("a page reached by a link inside the app is kept too", async ({ page, context, request }) => {
  const { id } = await openResource(request);
  await signInNewUser(page);
  await book(page, id, "13:00", "14:00", "Linked planning");
  await page.goto("/");
  await hydrated(page);
  await workerInCharge(page);
  expect(await kept(page, "/reservations")).toBe(false);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My bookings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My bookings" })).toBeVisible();
  await expect.poll(() => kept(page, "/reservations")).toBe(true);

  await goOffline(context);
  await page.reload();
  await expect(page.locator("section#upcoming").getByText("Linked planning")).toBeVisible();
  await expect(page.locator("#offline-copy")).toBeVisible();
});

test("the saved-copy notice goes once the app shows another page", async ({ page, context, request }) => {
  await bookingKeptOffline(page, request, "Noticed planning");
  await goOffline(context);
  await page.reload();
  const notice = page.locator("#offline-copy");
  await expect(notice).toBeVisible();
  await hydrated(page);

  // The waitlist is not the saved copy: the notice must not speak of it.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Waitlist" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My waitlist" })).toBeVisible();
  await expect(notice).toBeHidden();
});

test("when the connection is back and the server answers, a saved copy is replaced by the page as it is now", async ({ page, context, request }) => {
  const resource = await bookingKeptOffline(page, request, "Before the outage");
  await goOffline(context);
  await page.reload();
  const notice = page.locator("#offline-copy");
  await expect(notice).toBeVisible();
  await hydrated(page);
  // Booked elsewhere meanwhile (this request does not go through the offline browser).
  await book(page, resource, "15:00", "16:00", "Booked during the outage");
  await expect(page.locator("section#upcoming").getByText("Booked during the outage")).toHaveCount(0);

  // The network comes back a little before the server can be reached: the page asks again.
  let asked = 0;
  await page.route("**/ready", (route) => (++asked <= 2 ? route.abort("connectionrefused") : route.continue()));
  await context.setOffline(false);
  await expect(page.locator("section#upcoming").getByText("Booked during the outage")).toBeVisible({ timeout: 15_000 });
  await expect(notice).toBeHidden();
  expect(asked).toBe(3);
  await expect(page.locator("section#upcoming").getByText("Before the outage")).toBeVisible();
});
