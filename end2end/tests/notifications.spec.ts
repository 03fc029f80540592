import { expect, test } from "@playwright/test";
import { hydrated, openResource, signInNewUser, tomorrow } from "./helpers";

test("hear that an admin cancelled my booking, in my language, and mark it read", async ({ page, request }) => {
  const { id, name, admin } = await openResource(request);
  await signInNewUser(page);
  const booked = await page.request.post("/api/v1/reservations", {
    headers: { origin: new URL(page.url()).origin },
    data: { resource_id: id, start_time: `${tomorrow()}T09:00:00Z`, end_time: `${tomorrow()}T10:00:00Z` },
  });
  expect(booked.status()).toBe(201);
  const cancelled = await request.post(`/api/v1/reservations/${(await booked.json()).id}/cancel`, {
    headers: admin,
    data: { reason: "Deep clean" },
  });
  expect(cancelled.status()).toBe(200);

  await page.getByRole("link", { name: "Notifications" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByTestId("unread-count")).toHaveText("2 unread notifications.");
  const cards = page.locator("li.notification");
  await expect(cards).toHaveCount(2);
  // Newest first: the cancellation, with its reason, then the confirmation.
  await expect(cards.nth(0).getByRole("heading", { level: 2 })).toContainText("Booking cancelled");
  await expect(cards.nth(0)).toContainText(`Your booking of ${name} on`);
  await expect(cards.nth(0)).toContainText("09:00–10:00 (UTC) was cancelled. Reason: Deep clean");
  await expect(cards.nth(1).getByRole("heading", { level: 2 })).toContainText("Booking confirmed");
  await expect(cards.nth(0).getByText("New", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Mark as read: Booking cancelled" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked as read." })).toBeVisible();
  await expect(page.getByTestId("unread-count")).toHaveText("One unread notification.");
  await expect(cards.nth(0).getByText("New", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Mark as read: Booking cancelled" })).toHaveCount(0);

  // The words follow the language at once, dates included.
  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { level: 1, name: "Notificaciones" })).toBeVisible();
  await expect(cards.nth(0).getByRole("heading", { level: 2 })).toContainText("Reserva cancelada");
  await expect(cards.nth(0)).toContainText("Motivo: Deep clean");
  const months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"];
  const date = new Date(Date.now() + 86_400_000);
  await expect(cards.nth(0)).toContainText(`${date.getUTCDate()} de ${months[date.getUTCMonth()]}`);

  await page.getByRole("button", { name: "Marcar todo como leído" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Todas las notificaciones marcadas como leídas." })).toBeVisible();
  await expect(page.getByTestId("unread-count")).toHaveText("Ninguna notificación sin leer.");
  await expect(page.getByRole("button", { name: "Marcar todo como leído" })).toHaveCount(0);

  // Read stays read after a reload, and the link leads to where the booking is.
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("unread-count")).toHaveText("Ninguna notificación sin leer.");
  await cards.nth(0).getByRole("link", { name: "Abrir" }).click();
  await expect(page).toHaveURL(/\/reservations$/);
});
