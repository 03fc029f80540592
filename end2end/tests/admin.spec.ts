import { expect, test } from "@playwright/test";
import { ADMIN, PASSWORD, cspViolations, hydrated, signIn, tokenStatus, uniqueName } from "./helpers";

test("an admin creates a user with a role, finds them, and disables them", async ({ page }) => {
  const violations = cspViolations(page);
  const username = uniqueName("staff");
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
  await hydrated(page);

  const form = page.locator("section", { has: page.getByRole("heading", { name: "New user" }) });
  await form.getByLabel("Username").fill(username);
  await form.getByLabel("Temporary password").fill(PASSWORD);
  await form.getByRole("checkbox", { name: "manager" }).check();
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("status")).toContainText("The user has been created.");
  await expect(page.locator(`tr[data-user="${username}"]`)).toContainText("manager");

  await page.getByLabel("Search users").fill(username.slice(0, 12));
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\?q=/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await page.getByRole("link", { name: username }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(username);
  await hydrated(page);
  await expect(page.getByRole("checkbox", { name: "manager" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /Account active/ })).toBeChecked();

  // The new account signs in (with the temporary password) until it is disabled.
  expect(await tokenStatus(page, username, PASSWORD)).toBe(200);
  await page.getByRole("checkbox", { name: /Account active/ }).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  expect(await tokenStatus(page, username, PASSWORD)).toBe(401);
  await page.goto("/admin/users");
  await expect(page.locator(`tr[data-user="${username}"]`)).toContainText("Disabled");
  expect(violations).toEqual([]);
});

test("an admin builds a group and a role with the permission matrix", async ({ page }) => {
  const violations = cspViolations(page);
  const member = uniqueName("member");
  expect((await page.request.post("/api/v1/register", { data: { username: member, password: PASSWORD } })).status()).toBe(201);
  await signIn(page, ADMIN.username, ADMIN.password);

  const group = uniqueName("Floor");
  await page.goto("/admin/groups");
  await hydrated(page);
  await page.getByLabel("Group name").fill(group);
  await page.getByRole("button", { name: "Create group" }).click();
  const card = page.locator(`section[data-group="${group}"]`);
  await expect(card).toHaveCount(1);
  await card.getByLabel("Add a member (username)").fill(member);
  await card.getByRole("button", { name: "Add" }).click();
  await expect(card.getByRole("listitem")).toHaveText([new RegExp(member)]);
  await card.getByLabel("Add a member (username)").fill("nobody-by-this-name");
  await card.getByRole("button", { name: "Add" }).click();
  await expect(page.getByRole("alert")).toHaveText("That was not found, or you may not see it.");
  await card.getByRole("button", { name: `Remove ${member}` }).click();
  await expect(card.getByRole("listitem")).toHaveCount(0);

  const role = uniqueName("auditor");
  await page.goto("/admin/roles");
  await hydrated(page);
  await page.getByLabel("Role name").fill(role);
  await page.getByRole("button", { name: "Create role" }).click();
  await page.getByRole("link", { name: role }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(role);
  await hydrated(page);
  await page.getByRole("checkbox", { name: "Audit log · Read · all" }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Audit log · Read · all" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Audit log · Read · own" })).not.toBeChecked();

  // Built-in roles cannot be deleted; this one can.
  await hydrated(page);
  await page.getByRole("button", { name: "Delete this role" }).click();
  await expect(page).toHaveURL(/\/admin\/roles$/);
  await expect(page.getByRole("link", { name: role })).toHaveCount(0);
  expect(violations).toEqual([]);
});

test("a user sees none of the admin pages", async ({ page }) => {
  const username = uniqueName("plain");
  expect((await page.request.post("/api/v1/register", { data: { username, password: PASSWORD } })).status()).toBe(201);
  await signIn(page, username, PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  for (const name of ["Catalog", "Users", "Roles", "Groups", "Sessions (admin)"]) {
    await expect(nav.getByRole("link", { name })).toHaveCount(0);
  }
  await page.goto("/admin/users");
  await expect(page.getByRole("alert")).toHaveText("You do not have permission to do that.");
  // The catalog pages read, but every change is refused by the service.
  await page.goto("/admin/rules");
  await hydrated(page);
  await page.getByLabel("Maximum duration").fill("30");
  await page.getByRole("button", { name: "Save limits" }).click();
  await expect(page.getByRole("alert")).toHaveText("You do not have permission to do that.");
});
