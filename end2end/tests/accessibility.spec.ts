import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, PASSWORD, hydrated, signIn, uniqueName } from "./helpers";

/** The serious and critical axe-core findings on the page as it stands, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function expectClean(page: Page, path: string) {
  await page.goto(path);
  await hydrated(page);
  await expect(page.locator("h1")).toHaveCount(1);
  expect(await seriousViolations(page), path).toEqual([]);
}

async function someResource(page: Page): Promise<number> {
  const origin = new URL(page.url()).origin;
  const created = await page.request.post("/api/v1/resources", {
    headers: { origin },
    data: { name: uniqueName("Axe room"), timezone: "UTC" },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).id;
}

const everyone = ["/", "/resources", "/timeline", "/reservations", "/waitlist", "/notifications", "/approvals", "/profile"];
const adminOnly = [
  "/admin/users",
  "/admin/roles",
  "/admin/groups",
  "/admin/sessions",
  "/admin/analytics",
  "/admin/resources",
  "/admin/types",
  "/admin/rules",
];

// An admin sees every page; they are checked in three tests so that each has its own time budget
// (each page is loaded, hydrated and scanned in turn, which adds up: seven pages took 50 s at
// 375 px while CI ran the other tests beside them, where they take about 20 s alone).
test("pages everyone sees are free of serious accessibility problems for an admin", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  for (const path of everyone) {
    await expectClean(page, path);
  }
});

test("admin pages are free of serious accessibility problems", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  const id = await someResource(page);
  for (const path of [`/admin/resources/${id}`, ...adminOnly]) {
    await expectClean(page, path);
  }
});

test("calendar views, the booking dialog and the command palette are free of serious accessibility problems", async ({
  page,
}) => {
  test.setTimeout(150_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  const id = await someResource(page);
  for (const view of ["day", "week", "month"]) {
    await expectClean(page, `/resources/${id}?view=${view}`);
  }
  // The booking dialog, open.
  await page.goto(`/resources/${id}`);
  await hydrated(page);
  await page.locator(".slot[data-state=free]").first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(await seriousViolations(page), "booking dialog").toEqual([]);
  // Repeating, with its preview of the occurrences.
  await page.getByRole("dialog").getByLabel("Repeat").selectOption("weekly");
  await expect(page.locator(".series-preview")).toBeVisible();
  expect(await seriousViolations(page), "booking dialog, repeating").toEqual([]);
  await page.keyboard.press("Escape");
  // The command palette, open.
  await page.getByRole("button", { name: /Commands/ }).click();
  await expect(page.getByRole("dialog", { name: "Commands" })).toBeVisible();
  expect(await seriousViolations(page), "command palette").toEqual([]);
});

test("every page is free of serious accessibility problems for a user and a visitor", async ({ page }) => {
  test.setTimeout(150_000);
  for (const path of ["/", "/login", "/register"]) {
    await expectClean(page, path);
  }
  const username = uniqueName("axe");
  expect((await page.request.post("/api/v1/register", { data: { username, password: PASSWORD } })).status()).toBe(201);
  await signIn(page, username, PASSWORD);
  for (const path of everyone) {
    await expectClean(page, path);
  }
});
