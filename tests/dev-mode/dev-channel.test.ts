// Security round 2, item 15: in `npm run dev`, React sends what server components awaited to the
// browser's dev tools (the /_next/hmr websocket and the RSC payload). Neither the password hash
// nor the session cookie may be among it. Runs the real launcher in dev mode on a fresh embedded
// stack and a real Chromium, signs in over HTTP and opens /settings and /chat.
// Slow (a dev server compiles each page on first request): its own step of `npm test`
// (npm run test:dev-mode), outside the parallel Vitest run.
import { spawn, type ChildProcess } from "node:child_process";
import { chromium } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStackEnv } from "@/lib/embedded/launcher/fresh-stack-env";

const port = 3350 + Math.floor(Math.random() * 40);
const base = `http://localhost:${port}`;
let child: ChildProcess | undefined;

async function waitUntilUp(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error("dev server did not start");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  // Development mode as a developer runs it: no test NODE_ENV, a secret generated into the data folder.
  const env = { ...freshStackEnv(".data/dev-channel-test"), PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" } as Record<
    string,
    string | undefined
  >;
  delete env.NODE_ENV;
  delete env.NEXTAUTH_SECRET;
  child = spawn(process.execPath, ["--import", "tsx", "scripts/parley.ts", "dev"], {
    env: env as NodeJS.ProcessEnv,
    stdio: "ignore",
    detached: true,
  });
  await waitUntilUp(150_000);
}, 180_000);

afterAll(() => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
});

describe("React's development channel", () => {
  it("carries no password hash and no session cookie to the browser", { timeout: 180_000 }, async () => {
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"],
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const seen: string[] = [];
      page.on("websocket", (ws) => ws.on("framereceived", (frame) => seen.push(String(frame.payload))));
      page.on("response", async (response) => {
        try {
          seen.push(await response.text());
        } catch {
          // bodies of redirects and aborted requests are not available
        }
      });
      const email = `dev-${Date.now()}@parley.test`;
      const password = "Correct horse dev channel 1";
      const registered = await page.request.post(`${base}/api/auth/register`, {
        data: { name: "Dev Channel", email, password },
        headers: { Origin: base },
      });
      expect(registered.status()).toBe(201);
      const { csrfToken } = (await (await page.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
      await page.request.post(`${base}/api/auth/callback/credentials`, { form: { email, password, csrfToken, json: "true" } });
      const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
      expect(session, "signed in").toBeDefined();

      for (const path of ["/settings", "/chat"]) {
        await page.goto(`${base}${path}`, { waitUntil: "networkidle", timeout: 120_000 });
        await page.waitForTimeout(2_000);
      }
      const everything = seen.join("\n");
      expect(seen.length).toBeGreaterThan(3);
      expect(/\$2[aby]\$\d\d\$/.test(everything), "a bcrypt hash reached the browser").toBe(false);
      expect(everything.includes(session!.value.slice(0, 48)), "the session cookie reached the browser").toBe(false);
    } finally {
      await browser.close();
    }
  });
});
