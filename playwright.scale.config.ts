// `npm run test:scale`: the scale-out suite (e2e-scale/). Two production instances from the one
// `.next` build (npm test builds it; this config never builds) on a fresh database of the PostgreSQL
// server at SCALE_POSTGRES_URL, the standalone realtime server, Redis, an S3-compatible server and a
// round-robin proxy, all started by e2e-scale/global-setup.ts. Browsers reach the app through the
// proxy only. System Chromium, as playwright.config.ts.
import { defineConfig } from "@playwright/test";
import { systemChromium } from "./e2e/support/system-chromium";
import { scaleSettings } from "./e2e-scale/support/settings";

const { launchOptions, projects } = systemChromium();
const { proxyPort } = scaleSettings(process.env);

export default defineConfig({
  testDir: "e2e-scale",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./e2e-scale/global-setup.ts",
  outputDir: "test-results/scale",
  use: {
    baseURL: `http://localhost:${proxyPort}`,
    // Recording a trace (DOM snapshots, screencast) on every test costs ~40% of a test's time on a
    // 2-core CI machine, and nobody opens a CI run's traces: CI reports the error and a screenshot.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects,
});
