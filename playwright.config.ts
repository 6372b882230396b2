// End-to-end tests run against a production build served by the launcher on the embedded stack
// (fresh data folder per run), in the system Chromium: no browser download is needed or possible.
import { defineConfig } from "@playwright/test";
import { systemChromium } from "./e2e/support/system-chromium";
import { mailInboxUrl, smtpMockUrl } from "./e2e/support/mail-config";
import { githubMockUrl, oauthMockAppEnv } from "./e2e/support/oauth-mock-config";
import { aiMockUrl } from "./e2e/support/ai-config";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const { launchOptions, projects } = systemChromium();

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    // An action that cannot happen (a hidden button, a menu that never opens) fails at its own line
    // instead of hanging until the test's timeout.
    actionTimeout: 30_000,
    // Recording a trace (DOM snapshots, screencast) on every test costs ~40% of a test's time on a
    // 2-core CI machine, and nobody opens a CI run's traces: CI reports the error and a screenshot.
    trace: process.env.CI ? "off" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects,
  webServer: [
    {
      command: "node --import tsx scripts/e2e-server.ts",
      url: `${baseURL}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port),
        NEXT_TELEMETRY_DISABLED: "1",
        // GitHub-shaped and OIDC sign-in against the local mock servers below (e2e/auth-oauth.spec.ts).
        ...oauthMockAppEnv(),
        // Every e2e test signs in from 127.0.0.1: keep the per-IP budget out of the way (the
        // per-account limit is what e2e/auth.spec.ts exercises; Vitest covers the per-IP one).
        AUTH_RATE_LIMIT_PER_IP: "100000",
        // No load balancer to wait for: the server drains at once when the run ends.
        PARLEY_DRAIN_GRACE_MS: "0",
        // Every mail goes to the local test SMTP server below (scripts/e2e-server.ts passes it on).
        E2E_SMTP_URL: smtpMockUrl,
        // The assistant talks to the fake OpenAI-compatible provider below (e2e/ai-chat.spec.ts).
        E2E_AI_BASE_URL: aiMockUrl,
        // Calls (e2e/calls.spec.ts): a short ring so "missed" is seen quickly, and the TURN server the
        // spec runs (Debian coturn, REST secret) on a port derived from E2E_PORT.
        CALL_RING_TIMEOUT_SECONDS: "6",
        TURN_URLS: `turn:127.0.0.1:${port + 40}?transport=udp`,
        TURN_SECRET: "e2e-turn-secret",
      },
    },
    {
      // A real SMTP server (smtp-server + mailparser) with an HTTP inbox the specs read.
      command: "node --import tsx e2e/support/mail-server.ts",
      url: `${mailInboxUrl}/messages`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A fake OpenAI-compatible provider streaming deterministic answers over SSE (tests/support/fake-ai-provider.ts).
      command: "node --import tsx e2e/support/fake-ai-server.ts",
      url: `${aiMockUrl.replace(/\/v1$/, "")}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // Local OAuth 2 / OIDC servers (oauth2-mock-server) on fixed ports.
      command: "node --import tsx e2e/support/oauth-mock-server.ts",
      url: `${githubMockUrl}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
