import { expect, test } from "@playwright/test";
import { PASSWORD, cspViolations, hydrated, openResource, signIn, tomorrow, totp, tokenStatus, uniqueName } from "./helpers";

test("a person turns on two-factor authentication from the QR page, then signs in with a code", async ({ page }) => {
  const violations = cspViolations(page);
  const username = uniqueName("mfa");
  expect((await page.request.post("/api/v1/register", { data: { username, password: PASSWORD } })).status()).toBe(201);
  await signIn(page, username, PASSWORD);

  await page.goto("/profile");
  await hydrated(page);
  await expect(page.getByTestId("mfa-status")).toHaveText("Two-factor authentication is off.");
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" }).locator("svg")).toBeVisible();
  const secret = (await page.getByTestId("mfa-secret").textContent()) ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

  const mfa = page.locator("section.mfa");
  await mfa.getByLabel("Authentication code").fill("000000" === totp(secret) ? "111111" : "000000");
  await mfa.getByRole("button", { name: "Turn on" }).click();
  await expect(mfa.getByRole("alert")).toBeVisible();
  await mfa.getByLabel("Authentication code").fill(totp(secret));
  await mfa.getByRole("button", { name: "Turn on" }).click();
  await expect(mfa.getByRole("status")).toHaveText("Two-factor authentication is now on.");
  await expect(page.getByTestId("backup-codes").getByRole("listitem")).toHaveCount(10);

  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Enter the 6-digit code from your authenticator app, or a backup code.");
  // A current code signs in (here the app's next one, as a slow typist would send).
  await page.getByLabel("Authentication code").fill(totp(secret, Date.now() + 30_000));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible();

  await page.goto("/profile");
  await expect(page.getByTestId("mfa-status")).toHaveText(
    "Two-factor authentication is on: signing in asks for a code from your app.",
  );
  expect(violations).toEqual([]);
});

test("a person edits their details, changes language and password, and makes an API token shown once", async ({ page }) => {
  const violations = cspViolations(page);
  const username = uniqueName("prof");
  expect((await page.request.post("/api/v1/register", { data: { username, password: PASSWORD } })).status()).toBe(201);
  await signIn(page, username, PASSWORD);
  await page.goto("/profile");
  await hydrated(page);

  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert")).toHaveText("Some of what you entered is not valid.");
  await page.getByLabel("Name", { exact: true }).fill("Pat Example");
  await page.getByLabel("Time zone").fill("Europe/Paris");
  await page.getByLabel("Language", { exact: true }).last().selectOption("fr");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Votre profil");
  await expect(page.getByText("Enregistré.")).toBeVisible();
  const me = await (await page.request.get("/api/v1/users/me")).json();
  expect(me).toMatchObject({ display_name: "Pat Example", timezone: "Europe/Paris", locale: "fr" });

  await page.getByLabel("Mot de passe actuel").fill(PASSWORD);
  await page.getByLabel("Nouveau mot de passe").fill("N3w-Passw0rd!");
  await page.getByRole("button", { name: "Changer de mot de passe" }).click();
  await expect(page.getByText("Votre mot de passe a été changé.")).toBeVisible();
  expect(await tokenStatus(page, username, "N3w-Passw0rd!")).toBe(200);

  await page.getByLabel("Nom du jeton").fill("backup script");
  await page.getByRole("button", { name: "Créer un jeton" }).click();
  const secret = (await page.getByTestId("new-token").textContent()) ?? "";
  expect(secret.length).toBeGreaterThan(20);
  const tokenRow = page.locator(".token-list li", { hasText: "backup script" });
  await expect(tokenRow).toHaveCount(1);
  const asScript = await page.request.get("/api/v1/users/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(asScript.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  await hydrated(page);
  await tokenRow.getByRole("button", { name: "Révoquer" }).click();
  await expect(tokenRow).toHaveCount(0);
  const revoked = await page.request.get("/api/v1/users/me", { headers: { authorization: `Bearer ${secret}` } });
  expect(revoked.status()).toBe(401);
  expect(violations).toEqual([]);
});

test("a person copies their calendar feed address, a calendar app reads it, and a new address retires the old", async ({ page, playwright }) => {
  const { id: resource } = await openResource(page.request);
  const username = uniqueName("feed");
  expect((await page.request.post("/api/v1/register", { data: { username, password: PASSWORD } })).status()).toBe(201);
  const login = await page.request.post("/api/v1/token", { form: { username, password: PASSWORD } });
  expect(login.status()).toBe(200);
  const day = tomorrow();
  const made = await page.request.post("/api/v1/reservations", {
    headers: { authorization: `Bearer ${(await login.json()).access_token}` },
    data: { resource_id: resource, start_time: `${day}T09:00:00Z`, end_time: `${day}T10:00:00Z`, title: "Feed check" },
  });
  expect(made.status()).toBe(201);
  const bookingId = (await made.json()).id;
  await signIn(page, username, PASSWORD);

  await page.goto("/profile");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 2, name: "Calendar feed" })).toBeVisible();
  const address = page.getByLabel("Address of your calendar feed");
  await expect(address).toHaveValue(/^http:\/\/[^/]+\/api\/v1\/calendar\/feed\/[0-9a-f]{64}\.ics$/);
  const first = await address.inputValue();

  // A calendar application has no session: it reads the address as it is.
  const calendarApp = await playwright.request.newContext();
  const feed = await calendarApp.get(first);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const text = await feed.text();
  expect(text).toContain(`UID:reservation-${bookingId}@reserver`);
  expect(text).toContain("SUMMARY:Feed check");

  await page.getByRole("button", { name: "Get a new address" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Here is a new address. The old one no longer works." })).toBeVisible();
  await expect(address).not.toHaveValue(first);
  const second = await address.inputValue();
  expect((await calendarApp.get(first)).status()).toBe(404);
  expect((await calendarApp.get(second)).status()).toBe(200);
  await page.reload();
  await expect(address).toHaveValue(second);
  await calendarApp.dispose();
});
