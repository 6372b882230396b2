// Start-up problems get a one-line cause and fix, never a stack trace as the only output.
import { spawn } from "node:child_process";
import net from "node:net";
import { describe, expect, it } from "vitest";

function runLauncher(args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; stderr: string; stdout: string }>((resolve) => {
    const cleanEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "development" };
    for (const [key, value] of Object.entries(env)) if (value !== undefined) cleanEnv[key] = value;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/parley.ts", ...args], { env: cleanEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr: stderr.trim() }));
  });
}

const hostedPusher = { PUSHER_APP_ID: "1", PUSHER_KEY: "k", PUSHER_SECRET: "s", PARLEY_DATA_DIR: ".data/launcher-test" };

describe("launcher start-up errors", () => {
  it("names a malformed variable in one line", async () => {
    const result = await runLauncher(["migrate"], { ...hostedPusher, DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "config error: DATABASE_URL must be a postgresql://… or mongodb://… / mongodb+srv://… URL",
    );
  });

  it("says which Pusher variables are missing when only some are set", async () => {
    const result = await runLauncher(["migrate"], { DATABASE_URL: process.env.DATABASE_URL, PUSHER_KEY: "k", PARLEY_DATA_DIR: ".data/launcher-test" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^parley: PUSHER_APP_ID, PUSHER_SECRET missing: set all of .* or none for the embedded realtime server$/);
  });

  it("explains an unreachable database", async () => {
    const result = await runLauncher(["migrate"], { ...hostedPusher, DATABASE_URL: "postgresql://u@127.0.0.1:1/x" });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^parley: cannot reach the database at 127\.0\.0\.1:1 \(connection refused\): start PostgreSQL or fix DATABASE_URL/);
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
