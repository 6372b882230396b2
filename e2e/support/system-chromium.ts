// The system Chromium both Playwright configs drive (playwright.config.ts, playwright.scale.config.ts):
// no browser download is needed or possible here. Every host but localhost resolves to nothing, so a
// test can never reach the network.
import fs from "node:fs";
import { devices, type PlaywrightTestConfig } from "@playwright/test";

export function systemChromium(): Pick<NonNullable<PlaywrightTestConfig["use"]>, "launchOptions"> & {
  projects: NonNullable<PlaywrightTestConfig["projects"]>;
} {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH`,
    );
  }
  return {
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
      ],
    },
    projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  };
}
