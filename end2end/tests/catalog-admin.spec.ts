import { expect, test, type Page } from "@playwright/test";
import { ADMIN, hydrated, signIn, uniqueName } from "./helpers";

/** `YYYY-MM-DD` of the day `days` from today in Paris, where the test's resource is. */
function dayFromToday(days: number): string {
  const paris = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" });
  const [y, m, d] = paris.format(new Date()).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

async function openCatalogAdmin(page: Page) {
  await page.getByRole("link", { name: "Catalog" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Manage resources" })).toBeVisible();
  await hydrated(page);
}

test("an admin makes a type, a group inside a building and a resource with its rules, and the public page follows", async ({ page }) => {
  const kind = uniqueName("Booth");
  const building = uniqueName("Tower");
  const floor = uniqueName("Floor");
  const name = uniqueName("Studio");
  await signIn(page, ADMIN.username, ADMIN.password);

  await openCatalogAdmin(page);
  await page.getByRole("link", { name: "Resource types" }).click();
  await hydrated(page);
  await page.getByLabel("Type name").last().fill(kind);
  await page.getByRole("button", { name: "Create type" }).click();
  await expect(page.locator(`.type-row[data-type="${kind}"]`)).toContainText("0 resources");

  await page.goto("/admin/groups");
  await hydrated(page);
  await page.getByLabel("Group name").fill(building);
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.locator(`section[data-group="${building}"]`)).toBeVisible();
  await page.getByLabel("Group name").fill(floor);
  await page.locator("#new-group-parent").selectOption({ label: building });
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.locator(`section[data-group="${floor}"]`)).toContainText(`${building} / ${floor}`);

  await page.goto("/admin/resources");
  await hydrated(page);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Type").selectOption({ label: kind });
  await page.getByLabel("Location").selectOption({ label: `${building} / ${floor}` });
  await page.getByLabel("Capacity").fill("8");
  await page.getByLabel("Time zone").fill("Europe/Paris");
  await page.getByLabel("Tags").fill("Acoustic, Quiet");
  await page.getByRole("button", { name: "Create resource" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/resources\/\d+$/);
  await hydrated(page);
  await expect(page.getByLabel("Tags")).toHaveValue("acoustic, quiet");

  // Nothing set yet: the limits say so and the hours are open all day.
  await expect(page.getByText("No hours set here or above: open all day, every day.")).toBeVisible();
  await page.getByLabel("Maximum duration").fill("90");
  await page.getByRole("button", { name: "Save limits" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();

  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
    await page.getByLabel(day, { exact: true }).fill("09:00-12:00, 13:00-17:00");
  }
  await page.getByRole("button", { name: "Save hours" }).click();
  await expect(page.getByText("No hours set here or above")).toHaveCount(0);
  await expect(page.getByLabel("Monday", { exact: true })).toHaveValue("09:00-12:00, 13:00-17:00");

  const closedDay = dayFromToday(2);
  await page.getByLabel("Date", { exact: true }).fill(closedDay);
  await page.locator("#blackout-reason").fill("Deep clean");
  await page.getByRole("button", { name: "Add blackout date" }).click();
  await expect(page.getByText(`${closedDay} — Deep clean`)).toBeVisible();

  const repairDay = dayFromToday(3);
  await page.getByLabel("Starts").fill(`${repairDay}T10:00`);
  await page.getByLabel("Ends").fill(`${repairDay}T11:00`);
  await page.locator("#exception-reason").fill("Piano tuning");
  await page.getByRole("button", { name: "Add exception" }).click();
  await expect(page.getByText(`${repairDay} 10:00 → ${repairDay} 11:00 — Piano tuning`)).toBeVisible();

  // What people see: the rule in words, the closed day, and hours that follow the editor.
  await page.getByRole("link", { name: "See its public page" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("At most 90 minutes per booking.")).toBeVisible();
  await expect(page.getByText(`${building} / ${floor}`)).toBeVisible();
  const days = page.locator("section.day");
  await expect(days.nth(2)).toContainText("Closed all day.");
  const repair = days.nth(3);
  // Slots are named by their Paris hours; the admin's own (UTC) hours are written under each.
  const slot = (hours: string) => repair.locator(".slot", { has: page.locator(".slot-time", { hasText: hours }) });
  await expect(repair.locator(".slot .slot-time").first()).toHaveText("09:00–10:00");
  // The exception blocks the hour without anyone's booking: it reads "not bookable".
  await expect(slot("10:00–11:00")).toContainText("not bookable");
  await expect(slot("12:00–13:00")).toHaveCount(0);
  await expect(slot("13:00–14:00")).toContainText("free");
  await expect(slot("13:00–14:00")).toContainText(/1[12]:00–1[23]:00 your time/);

  // A bad time is refused in the page and nothing changes.
  await page.goBack();
  await hydrated(page);
  await page.getByLabel("Monday", { exact: true }).fill("9 to 5");
  await page.getByRole("button", { name: "Save hours" }).click();
  await page.reload();
  await expect(page.getByLabel("Monday", { exact: true })).toHaveValue("09:00-12:00, 13:00-17:00");
});

test("a CSV import shows its upload progress, reports every bad row and imports nothing, then imports a good file whole", async ({ page }) => {
  const prefix = uniqueName("Csv");
  await signIn(page, ADMIN.username, ADMIN.password);
  await openCatalogAdmin(page);

  const bad = [
    "name,description,status,type,tags,group,capacity,timezone,requires_approval,attributes",
    `${prefix}-ok,Fine,available,Room,,,4,UTC,false,`,
    `${prefix}-bad-zone,,available,Room,,,4,Mars/Olympus,false,`,
    `${prefix}-bad-capacity,,available,Room,,,lots,UTC,false,`,
  ].join("\n");
  await page.getByLabel("CSV file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Nothing was imported: 2 problems in the file.")).toBeVisible();
  const rows = page.locator("table.import-errors tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("3");
  await expect(rows.nth(0)).toContainText("timezone");
  await expect(rows.nth(1)).toContainText("4");
  await expect(rows.nth(1)).toContainText("capacity");

  await page.getByLabel("Search").fill(prefix);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("0 resources", { exact: true })).toBeVisible();
  await hydrated(page);

  // About 2 MB, sent through a throttled connection so the progress can be seen moving.
  const count = 2000;
  const padding = "x".repeat(1000);
  const good = [
    "name,description,status,type,tags,group,capacity,timezone,requires_approval,attributes",
    ...Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(4, "0")},${padding},available,Desk,bulk,,1,Europe/Madrid,false,`),
  ].join("\n");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 512 * 1024,
  });
  await page.getByLabel("CSV file").setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "Import" }).click();
  const progress = page.getByRole("progressbar");
  await expect(page.getByText(/Uploading: \d+ %/)).toBeVisible();
  await expect(progress).toBeVisible();
  const midway = Number(await progress.getAttribute("value"));
  expect(midway).toBeLessThan(100);
  await expect(page.getByText(`Imported ${count} resources.`)).toBeVisible({ timeout: 60_000 });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await page.reload();
  await hydrated(page);
  await expect(page.getByText(`${count} resources`, { exact: true })).toBeVisible();
});
