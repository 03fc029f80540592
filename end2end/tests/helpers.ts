import { createHmac } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const ADMIN = { username: "admin", password: "Adm1n-Passw0rd!" };
export const PASSWORD = "Corr3ct-Horse!";

/** Waits until the WASM app has taken over the server-rendered page. */
export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

export async function signIn(page: Page, username: string, password: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(`Signed in as ${username}`)).toBeVisible();
}

export function uniqueName(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** The RFC 6238 code (SHA1, 6 digits, 30 s) an authenticator app would show for `secret`. */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bits = [...secret.replace(/=+$/, "").toUpperCase()]
    .map((c) => alphabet.indexOf(c).toString(2).padStart(5, "0"))
    .join("");
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, "0");
}

/** Collects the page's Content-Security-Policy violations, to assert there are none. */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) seen.push(message.text());
  });
  return seen;
}

/** `POST /api/v1/token` from the page's own origin (the browser's cookies go along, so a
 * request without an `Origin` would be refused as cross-site). */
export async function tokenStatus(page: Page, username: string, password: string): Promise<number> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post("/api/v1/token", { form: { username, password }, headers: { origin } });
  return response.status();
}

/** A resource open around the clock every day, in UTC so the test can name its hours. */
export async function openResource(request: APIRequestContext): Promise<{ id: number; name: string; admin: Record<string, string> }> {
  const token = await request.post("/api/v1/token", { form: ADMIN });
  expect(token.status()).toBe(200);
  const admin = { authorization: `Bearer ${(await token.json()).access_token}` };
  const name = uniqueName("Room");
  const created = await request.post("/api/v1/resources", { headers: admin, data: { name, timezone: "UTC", capacity: 4 } });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id;
  const hours = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day_of_week: day, open_time: "00:00", close_time: "24:00" }));
  expect((await request.put(`/api/v1/resources/${id}/business-hours`, { headers: admin, data: { hours } })).status()).toBe(200);
  return { id, name, admin };
}

/** Tomorrow's date in UTC, as the API and the booking dialog write it. */
export function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** A new person with the ordinary user role, signed in. */
export async function signInNewUser(page: Page): Promise<string> {
  const username = uniqueName("booker");
  expect((await page.request.post("/api/v1/register", { data: { username, password: PASSWORD } })).status()).toBe(201);
  await signIn(page, username, PASSWORD);
  return username;
}

export async function openResourcePage(page: Page, id: number, name: string) {
  await page.goto(`/resources/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await hydrated(page);
}
