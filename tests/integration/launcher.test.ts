// Start-up problems get a one-line cause and fix, never a stack trace as the only output.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import webpush from "web-push";

/** Resolves with the launcher's output once it exits, or once stdout matches `until` (then stops it). */
function runLauncher(args: string[], env: Record<string, string | undefined>, until?: RegExp) {
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    const cleanEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "development" };
    for (const [key, value] of Object.entries(env)) if (value !== undefined) cleanEnv[key] = value;
    // Its own process group: whatever the launcher started is stopped with it when the test ends.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/parley.ts", ...args], { env: cleanEnv, detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (until?.test(stdout)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => {
      // A server child the launcher left behind (SIGTERM during its start-up) must not outlive the test.
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // the group is already gone
      }
      resolve({ code, stdout, stderr: stderr.trim() });
    });
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const hostedPusher = { PUSHER_APP_ID: "1", PUSHER_KEY: "k", PUSHER_SECRET: "s", PARLEY_DATA_DIR: ".data/launcher-test" };

describe("launcher start-up errors", () => {
  it("names a malformed variable in one line", async () => {
    const result = await runLauncher(["migrate"], { ...hostedPusher, DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("config error: DATABASE_URL must be a postgresql://… or mongodb://… / mongodb+srv://… URL");
  });

  it("says which Pusher variables are missing when only some are set", async () => {
    const result = await runLauncher(["migrate"], {
      DATABASE_URL: process.env.DATABASE_URL,
      PUSHER_KEY: "k",
      PARLEY_DATA_DIR: ".data/launcher-test",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^parley: PUSHER_APP_ID, PUSHER_SECRET missing: set all of .* or none for the embedded realtime server$/);
  });

  it("explains an unreachable database", async () => {
    const result = await runLauncher(["migrate"], { ...hostedPusher, DATABASE_URL: "postgresql://u@127.0.0.1:1/x" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^parley: cannot reach the database at 127\.0\.0\.1:1 \(connection refused\): start PostgreSQL or fix DATABASE_URL/,
    );
    expect(result.stderr.split("\n")).toHaveLength(1);
  });

  it("explains a port in use", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "0.0.0.0", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runLauncher(["dev"], { ...hostedPusher, DATABASE_URL: process.env.DATABASE_URL, PORT: String(port) });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `parley: port ${port} is already in use (is Parley already running?); stop that process or set PORT to another port`,
      );
    } finally {
      blocker.close();
    }
  });

  it("applies migrations against a reachable database and exits cleanly", async () => {
    const result = await runLauncher(["migrate"], { ...hostedPusher, DATABASE_URL: process.env.DATABASE_URL });
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("parley migrations: up to date");
    expect(result.code).toBe(0);
  });
});

describe("launcher in production mode (npm start)", () => {
  const keys = webpush.generateVAPIDKeys();
  const vapid = { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
  // A secret the first run generates into the data folder is required in production, never generated there.
  it.each([
    {
      missing: "NEXTAUTH_SECRET",
      given: vapid,
      error: "config error: NEXTAUTH_SECRET is required in production (openssl rand -base64 32)",
    },
    {
      missing: "VAPID keys (Web Push)",
      given: { NEXTAUTH_SECRET: randomBytes(32).toString("base64") },
      error:
        "config error: VAPID_PUBLIC_KEY is required in production, with VAPID_PRIVATE_KEY / VAPID_PUBLIC_KEY (npx web-push generate-vapid-keys)",
    },
  ])("refuses an external database without $missing instead of generating it", async ({ given, error }) => {
    const result = await runLauncher(["start"], {
      ...hostedPusher,
      DATABASE_URL: process.env.DATABASE_URL,
      PORT: String(await freePort()),
      SMTP_URL: "smtp://127.0.0.1:2525",
      MAIL_FROM: "Parley <no-reply@parley.test>",
      ...given,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(error);
  });

  it("creates no demo user on a fresh embedded stack", { timeout: 120_000 }, async () => {
    const dataDir = path.resolve(".data/launcher-test-start");
    fs.rmSync(dataDir, { recursive: true, force: true });
    // Runs until Next.js is started (or until it stops at "no production build found" without a build).
    const result = await runLauncher(
      ["start"],
      {
        PARLEY_DATA_DIR: dataDir,
        PARLEY_EMBEDDED_DB_PORT: "0",
        PARLEY_REALTIME_PORT: "0",
        PORT: String(await freePort()),
        MAIL_TRANSPORT: "outbox",
      },
      /parley app: /,
    );
    expect(result.stdout).toContain("parley migrations: applied");
    // The one-time data steps run after the migrations (lib/db/data-migrations.ts).
    expect(result.stdout).toMatch(/parley data migration 20261201134940_message_links_backfill: 0 links of 0 older messages \(\d+ ms\)/);
    expect(result.stdout).not.toContain("seed:");
    expect(result.stdout).not.toContain("parley-demo-pass");
    const db = await PGlite.create(path.join(dataDir, "pglite"));
    try {
      const { rows } = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM "User"`);
      expect(rows[0]!.count).toBe(0);
    } finally {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
