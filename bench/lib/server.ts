// Runs the production build through the real launcher (embedded stack unless DATABASE_URL is set),
// with a NEXTAUTH_SECRET the harness knows so it can mint session cookies.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import webPush from "web-push";
import { freshStackEnv } from "@/lib/embedded/launcher/fresh-stack-env";

export interface BenchServer {
  baseUrl: string;
  databaseUrl: string;
  pusher: { appId: string; key: string; secret: string; host: string; port: number };
  secret: string;
  /** The launcher's process id (its group holds Next.js and the embedded services). */
  pid?: number;
  stop(): Promise<void>;
}

export async function startServer(options: { port: number; dataDir: string; databaseUrl?: string }): Promise<BenchServer> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npm run build` first");
  const secret = randomBytes(32).toString("base64");
  const env: NodeJS.ProcessEnv = {
    ...freshStackEnv(options.dataDir),
    PORT: String(options.port),
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: `http://localhost:${options.port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    CHAT_SEND_RATE_LIMIT: "1000000", // the benchmark sends far faster than a person: keep the per-user send limit out of the way
    PARLEY_DRAIN_GRACE_MS: "0", // no load balancer to wait for: stop() drains at once
  };
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    // Off the embedded stack the launcher generates no keys: production requires a VAPID pair (issue 16).
    if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) {
      const keys = webPush.generateVAPIDKeys();
      env.VAPID_PUBLIC_KEY = keys.publicKey;
      env.VAPID_PRIVATE_KEY = keys.privateKey;
    }
  }
  // Profiling aid: BENCH_SERVER_NODE_OPTIONS="--require ./bench/lib/cpu-profile.cjs" profiles the server
  // processes (Node refuses --cpu-prof in NODE_OPTIONS).
  if (process.env.BENCH_SERVER_NODE_OPTIONS) env.NODE_OPTIONS = process.env.BENCH_SERVER_NODE_OPTIONS;

  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/parley.ts", "start"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://localhost:${options.port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const databaseUrl = options.databaseUrl ?? /database: embedded PostgreSQL \(PGlite\) at (\S+)/.exec(output)?.[1];
  const realtimePort = Number(/realtime: embedded Pusher-protocol server at ws:\/\/[\d.]+:(\d+)/.exec(output)?.[1]);
  const secrets = JSON.parse(fs.readFileSync(path.join(options.dataDir, "embedded-secrets.json"), "utf8")) as {
    pusherAppId: string;
    pusherKey: string;
    pusherSecret: string;
  };
  if (!databaseUrl || !realtimePort) throw new Error(`could not read the stack's addresses:\n${output}`);
  return {
    baseUrl,
    databaseUrl,
    secret,
    pid: child.pid!,
    pusher: { appId: secrets.pusherAppId, key: secrets.pusherKey, secret: secrets.pusherSecret, host: "127.0.0.1", port: realtimePort },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid!, "SIGTERM"); // the whole group: launcher, Next.js, embedded services
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    },
  };
}
