import { expect, test } from "@playwright/test";
import { ADMIN, PASSWORD, hydrated, signIn, uniqueName } from "./helpers";

test("a visitor registers, signs in, sees no admin links, and signs out", async ({ page }) => {
  const username = uniqueName("user");
  await page.goto("/register");
  await hydrated(page);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(`${username}A1!`);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert")).toHaveText("The password must not contain your username.");

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/login\?registered=1/);
  await expect(page.getByRole("status")).toHaveText("Your account is ready. Sign in to continue.");

  await hydrated(page);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("Wr0ng-password!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Incorrect username or password.");

  await signIn(page, username, PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "Profile" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Sessions (admin)" })).toHaveCount(0);
  const admin = await page.request.get("/admin/sessions");
  expect(await admin.text()).not.toContain(`data-session-user="${ADMIN.username}"`);

  await nav.getByRole("button", { name: "Sign out" }).click();
  await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/profile");
  await expect(page.getByRole("alert")).toHaveText("Please sign in to continue.");
});

test("the session cookie is HttpOnly and SameSite=Lax, and nothing secret is in localStorage", async ({ page, context }) => {
  const username = uniqueName("cookie");
  const response = await page.request.post("/api/v1/register", { data: { username, password: PASSWORD } });
  expect(response.status()).toBe(201);
  await signIn(page, username, PASSWORD);
  const session = (await context.cookies()).find((c) => c.name === "reserver_session");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(await page.evaluate(() => document.cookie)).not.toContain("reserver_session");
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe("{}");
});

test("an admin sees the admin link and revokes a user's session, which ends at its next request", async ({ browser }) => {
  const username = uniqueName("victim");
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  expect((await userPage.request.post("/api/v1/register", { data: { username, password: PASSWORD } })).status()).toBe(201);
  await signIn(userPage, username, PASSWORD);

  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, ADMIN.username, ADMIN.password);
  await adminPage.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Sessions (admin)" }).click();
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText("Everyone’s sessions");
  const row = adminPage.locator(`tr[data-session-user="${username}"]`);
  await expect(row).toHaveCount(1);
  await hydrated(adminPage);
  await row.getByRole("button", { name: "Sign out this session" }).click();
  await expect(row).toHaveCount(0);

  await userPage.reload();
  await expect(userPage.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(userPage.getByText(`Signed in as ${username}`)).toHaveCount(0);
  await userContext.close();
  await adminContext.close();
});

test("a cross-site form post is refused", async ({ page }) => {
  const response = await page.request.post("/api/fn/logout", {
    headers: { origin: "https://evil.example", cookie: "reserver_session=anything" },
  });
  expect(response.status()).toBe(403);
});
