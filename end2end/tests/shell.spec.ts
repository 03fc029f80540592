import { expect, test } from "@playwright/test";
import { ADMIN, hydrated, openResource, signIn, signInNewUser } from "./helpers";

test("the server sends the rendered page, readable without scripts", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Book what your team shares");
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await expect(page.getByText("Sign in to see and book resources.")).toBeVisible();
  await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");
  await context.close();
});

test("after hydration the language switcher translates the page and the choice persists", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reserva lo que comparte tu equipo");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByLabel("Idioma")).toHaveValue("es");
  await expect(page).toHaveTitle(/reserva salas/);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reserva lo que comparte tu equipo");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");

  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("Idioma").selectOption("fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Réservez ce que votre équipe partage");
  await expect(page.getByRole("contentinfo")).toContainText("sans double réservation");
});

test("the browser fetches the messages of the language it shows, and of another only when switched to it", async ({ page }) => {
  const fetched: string[] = [];
  page.on("request", (req) => req.url().includes("/pkg/locales/") && fetched.push(new URL(req.url()).pathname));
  await page.goto("/");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  expect([...new Set(fetched)]).toEqual(["/pkg/locales/en.ftl"]);

  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reserva lo que comparte tu equipo");
  expect([...new Set(fetched)]).toEqual(["/pkg/locales/en.ftl", "/pkg/locales/es.ftl"]);
  const response = await page.request.get("/pkg/locales/es.ftl");
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("home-heading");
});

test("the language switcher works from the keyboard", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const select = page.getByLabel("Language");
  await select.focus();
  await expect(select).toBeFocused();
  await select.selectOption("fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Réservez ce que votre équipe partage");
});

for (const lang of ["en", "es", "fr"]) {
  test(`hydration in ${lang} runs without console errors or failed requests`, async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "reserver_lang", value: lang, url: baseURL! }]);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (msg) => msg.type() === "error" && problems.push(msg.text()));
    page.on("pageerror", (err) => problems.push(err.message));
    page.on("response", (res) => res.status() >= 400 && problems.push(`${res.status()} ${res.url()}`));
    await page.goto("/");
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByLabel(/Language|Idioma|Langue/)).toHaveValue(lang);
    expect(problems).toEqual([]);
    await context.close();
  });
}

test("a page downloads its own code: the admin pages' code loads only when one is opened, the palette's when it is, the booking dialog's after the page", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (req) => req.url().endsWith(".wasm") && wasm.push(new URL(req.url()).pathname));
  await signIn(page, ADMIN.username, ADMIN.password);
  const main = wasm.find((path) => /^\/pkg\/[0-9a-f]{16}\/reserver_bg\.wasm$/.test(path));
  expect(main).toBeDefined();
  expect(wasm.some((path) => path.includes("entry_pages"))).toBe(true);
  expect(wasm.filter((path) => path.includes("admin_pages"))).toEqual([]);

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
  await expect(page.locator(`tr[data-user="${ADMIN.username}"]`)).toBeVisible();
  expect(wasm.some((path) => path.includes("account_admin_pages"))).toBe(true);
  expect(wasm.filter((path) => path.includes("catalog_admin_pages"))).toEqual([]);

  // The pieces only fit the main module they were split from: a build's code is in a folder
  // named by the build, which browsers keep without asking again, and a page loaded before an
  // upgrade never fetches the new build's pieces.
  const build = main!.split("/")[2];
  const pieces = [main!, `/pkg/${build}/reserver.js`, wasm.find((p) => p.includes("account_admin_pages"))!];
  for (const path of pieces) {
    expect(path.startsWith(`/pkg/${build}/`)).toBe(true);
    const response = await page.request.get(path);
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
  }

  // The home page is a group of its own, without the calendar pages' grids; the command
  // palette's code comes with its first use.
  await page.goto("/");
  await hydrated(page);
  expect(wasm.some((path) => path.includes("home_page"))).toBe(true);
  expect(wasm.filter((path) => path.includes("calendar_pages") || path.includes("palette_dialog"))).toEqual([]);
  await page.getByRole("button", { name: "Commands", exact: true }).click();
  await expect(page.getByRole("dialog", { name: "Commands" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Command" })).toBeFocused();
  expect(wasm.some((path) => path.includes("palette_dialog"))).toBe(true);

  // Nor does the home page wait for the booking dialog's code: held back, the page still
  // comes to life, and it asks for that code once it is up, before a time is chosen.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/split_booking_dialog*", async (route) => {
    await held;
    await route.continue();
  });
  wasm.length = 0;
  await page.goto("/");
  await hydrated(page);
  await expect(page.locator('link[href*="booking_dialog"]')).toHaveCount(0);
  await expect.poll(() => wasm.some((path) => path.includes("booking_dialog"))).toBe(true);
  const fetched = page.waitForResponse("**/split_booking_dialog*");
  release();
  expect((await fetched).status()).toBe(200);
});

test("a page whose code cannot be fetched says so and loads afresh when asked; the rest of the app goes on", async ({ page, request }) => {
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  await page.goto(`/resources?q=${encodeURIComponent(name)}`);
  await hydrated(page);
  // Offline, or the build the page came from was replaced by an upgrade since.
  await page.route("**/split_calendar_pages*", (route) => route.abort("internetdisconnected"));
  await page.getByRole("link", { name, exact: true }).click();
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText("This page could not be loaded");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Loading the page again fixes it");

  // The app goes on: other pages open, and coming back tries again.
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My bookings" }).click();
  await expect(heading).toHaveText("My bookings");
  await page.goBack();
  await expect(heading).toHaveText("This page could not be loaded");

  // Back online, the link loads the page afresh from the server.
  await page.unroute("**/split_calendar_pages*");
  await page.getByRole("link", { name: "Load the page again" }).click();
  await expect(page).toHaveURL(new RegExp(`/resources/${id}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await hydrated(page);
  await expect(page.locator("section.day").first()).toBeVisible();
});

test("a page whose code cannot be fetched as it first comes up is loaded afresh, once", async ({ page, request }) => {
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  let loads = 0;
  page.on("request", (req) => req.isNavigationRequest() && req.frame() === page.mainFrame() && loads++);
  await page.route("**/split_calendar_pages*", (route) => (loads <= 1 ? route.abort("internetdisconnected") : route.continue()));
  loads = 0;
  await page.goto(`/resources/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await hydrated(page);
  await expect(page.locator("section.day").first()).toBeVisible();
  expect(loads).toBe(2);
});

test("the palette and the booking dialog say so when their code cannot be fetched, and try again when asked", async ({ page, request }) => {
  const { id, name } = await openResource(request);
  await signInNewUser(page);
  await page.route("**/split_palette_dialog*", (route) => route.abort("internetdisconnected"));
  await page.route("**/split_booking_dialog*", (route) => route.abort("internetdisconnected"));
  await page.goto(`/resources/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await hydrated(page);

  const commands = page.getByRole("button", { name: "Commands", exact: true });
  await commands.click();
  await expect(page.getByRole("alert").filter({ hasText: "The commands could not be loaded." })).toBeVisible();
  const slot = page.locator("section.day").nth(1).getByRole("button", { name: "10:00–11:00 free" });
  await slot.click();
  await expect(page.getByRole("status").filter({ hasText: "The booking form could not be loaded." })).toBeVisible();
  await expect(slot).toBeFocused();

  await page.unroute("**/split_palette_dialog*");
  await page.unroute("**/split_booking_dialog*");
  await commands.click();
  await expect(page.getByRole("dialog", { name: "Commands" })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The commands could not be loaded." })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await slot.click();
  const dialog = page.getByRole("dialog", { name: "New booking" });
  await expect(dialog.getByText("Free: you can book it.")).toBeVisible();
  await expect(page.getByText("The booking form could not be loaded.")).toHaveCount(0);
});

test("an unknown address shows the 404 page with status 404", async ({ page }) => {
  const response = await page.goto("/this/page/does/not/exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Book what your team shares");
});

test("the browser's language is used on a first visit", async ({ browser }) => {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Réservez ce que votre équipe partage");
  await context.close();
});
