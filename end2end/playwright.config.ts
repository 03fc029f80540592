// Browser tests run against the release build (`make build` → ../dist) on a fresh SQLite
// database, in Debian's Chromium: this machine cannot download Playwright's own browsers.
import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = Number(process.env.E2E_PORT ?? 3199);
const dataDir = mkdtempSync(join(tmpdir(), "reserver-e2e-"));
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: chromium,
    // The service worker would answer for the app's code and pages, out of reach of the tests'
    // page.route(): it runs only where the offline app itself is tested (tests/pwa.spec.ts).
    serviceWorkers: "block",
  },
  projects: [
    // First-run set-up happens once per database, before everything else.
    { name: "setup", testMatch: /first-run\.setup\.ts/, use: { launchOptions: chromium } },
    { name: "desktop", dependencies: ["setup"], use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    {
      name: "mobile",
      dependencies: ["setup"],
      use: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, launchOptions: chromium },
    },
  ],
  webServer: {
    command: `../dist/reserver serve --addr 127.0.0.1:${port} --database-url "sqlite://${dataDir}/e2e.db?mode=rwc" --log-level warn`,
    url: `http://127.0.0.1:${port}/ready`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
