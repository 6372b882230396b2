// A scaled-out Parley on one machine, for `npm run test:scale` and `npm run bench:scale`: N
// production instances (`npm start`, i.e. the launcher, from the one `.next` build) on one fresh
// PostgreSQL database, one standalone realtime server (lib/embedded/realtime-server/cli.ts), one
// Redis, one S3-compatible server (lib/embedded/s3-server via tests/support/s3-server-cli.ts), the same NEXTAUTH_SECRET, behind
// the round-robin proxy (tests/support/round-robin-proxy.ts). Every service is a real process
// speaking its real protocol; instances can be killed, drained and started again.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Redis } from "ioredis";
import webpush from "web-push";
import { freshDatabase } from "../../bench/lib/datagen";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy";

export interface ScaleClusterOptions {
  /** A PostgreSQL server whose role may CREATE DATABASE (a fresh database is made per run). */
  postgresUrl: string;
  /** Redis URL; its `parley:rl:*` keys are cleared at start (use a database of its own, e.g. /11). */
  redisUrl: string;
  instances: number;
  /** Instance i listens on basePort + i; the proxy and the realtime server on their own ports. */
  basePort: number;
  proxyPort: number;
  realtimePort: number;
  /** Extra environment for every instance (rate limits, drain durations). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface ScaleInstance {
  index: number;
  port: number;
  url: string;
  readonly running: boolean;
  /** Starts it (again) and resolves once its health check answers 200. */
  start(): Promise<void>;
  /** SIGKILL to the whole process group: the instance vanishes mid-whatever. */
  kill(): Promise<void>;
  /** SIGTERM to the launcher (as an orchestrator does); resolves with its exit code once it has exited. */
  terminate(): Promise<{ code: number | null; ms: number }>;
  output(): string;
}

export interface ScaleCluster {
  url: string;
  proxy: RoundRobinProxy;
  instances: ScaleInstance[];
  databaseUrl: string;
  secret: string;
  pusher: { appId: string; key: string; secret: string; host: string; port: number };
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(label: string, check: () => Promise<boolean>, timeoutMs: number, output: () => string = () => ""): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}\n${output().slice(-4_000)}`);
    await sleep(200);
  }
}

const healthy = async (url: string) => (await fetch(`${url}/api/health`)).status === 200;

/** A child process in its own group, its output kept (and logged with a prefix when asked). */
function run(name: string, args: string[], env: NodeJS.ProcessEnv, log?: (line: string) => void) {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (log) for (const line of chunk.toString().split("\n").filter(Boolean)) log(`[${name}] ${line}`);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

const killGroup = (child: ChildProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
};

/** Clears the rate-limit counters a previous run left in this Redis database (15-minute windows). */
async function clearRateLimits(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", "parley:rl:*", "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

export async function startScaleCluster(options: ScaleClusterOptions): Promise<ScaleCluster> {
  const log = options.log;
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("no production build: run `npx next build` (or `npm test`) first");
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.splice(0).reverse())
      await fn().catch((error: unknown) => console.error("scale cluster: stop step failed", error));
  };
  try {
    const database = await freshDatabase(options.postgresUrl, `parley_scale_${randomBytes(5).toString("hex")}`);
    stops.push(database.drop);
    await clearRateLimits(options.redisUrl);

    const pusher = {
      appId: String(100000 + Math.floor(Math.random() * 899999)),
      key: randomBytes(10).toString("hex"),
      secret: randomBytes(24).toString("hex"),
      host: "127.0.0.1",
      port: options.realtimePort,
    };
    const proxyUrl = `http://localhost:${options.proxyPort}`;
    const realtime = run(
      "realtime",
      ["--import", "tsx", "lib/embedded/realtime-server/cli.ts"],
      {
        ...process.env,
        PUSHER_APP_ID: pusher.appId,
        PUSHER_KEY: pusher.key,
        PUSHER_SECRET: pusher.secret,
        PUSHER_HOST: pusher.host,
        PUSHER_PORT: String(pusher.port),
        PUSHER_ALLOWED_ORIGINS: proxyUrl,
      },
      log,
    );
    stops.push(async () => {
      killGroup(realtime.child, "SIGTERM");
      await Promise.race([realtime.exited, sleep(5_000)]);
      killGroup(realtime.child, "SIGKILL");
    });

    // The S3 server runs as its own process, as MinIO would (react-server: lib/storage/s3.ts is server-only).
    const s3 = run(
      "s3",
      ["--conditions=react-server", "--import", "tsx", "tests/support/s3-server-cli.ts"],
      { ...process.env, S3_TEST_PORT: "0", S3_TEST_CORS_ORIGINS: proxyUrl },
      log,
    );
    stops.push(async () => killGroup(s3.child, "SIGKILL"));
    await waitFor("the realtime server", async () => /listening on ws:/.test(realtime.output()), 30_000, realtime.output);
    await waitFor("the S3 server", async () => /s3: listening/.test(s3.output()), 30_000, s3.output);
    const s3Env = JSON.parse(/s3: listening (\{.*\})/.exec(s3.output())![1]!) as Record<string, string>;

    const secret = randomBytes(32).toString("base64");
    const vapid = webpush.generateVAPIDKeys();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: "5",
      PUSHER_APP_ID: pusher.appId,
      PUSHER_KEY: pusher.key,
      PUSHER_SECRET: pusher.secret,
      PUSHER_CLUSTER: "local",
      PUSHER_HOST: pusher.host,
      PUSHER_PORT: String(pusher.port),
      PUSHER_USE_TLS: "false",
      REDIS_URL: options.redisUrl,
      NEXTAUTH_SECRET: secret,
      // Production requires VAPID keys (Web Push, issue 16): one pair shared by every instance.
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      NEXTAUTH_URL: proxyUrl,
      PARLEY_INSTANCES: String(options.instances),
      TRUST_PROXY: "1",
      // Production requires SMTP; this suite proves no mail flow, so each instance keeps its mail in its outbox.
      MAIL_TRANSPORT: "outbox",
      ...s3Env,
      ...options.env,
    };
    for (const name of ["PARLEY_DATA_DIR", "PARLEY_EMBEDDED_DB_PORT", "PARLEY_REALTIME_PORT", "PORT", "SMTP_URL", "SMTP_HOST"])
      delete env[name];

    const migrated = run(
      "migrate",
      ["--import", "tsx", "scripts/parley.ts", "migrate"],
      { ...env, PARLEY_DATA_DIR: ".data/scale-migrate" },
      log,
    );
    if ((await migrated.exited) !== 0) throw new Error(`npm run db:migrate failed:\n${migrated.output()}`);

    const instances: ScaleInstance[] = Array.from({ length: options.instances }, (_, index) => {
      const port = options.basePort + index;
      const url = `http://localhost:${port}`;
      let current: ReturnType<typeof run> | null = null;
      let running = false;
      let history = "";
      const instance: ScaleInstance = {
        index,
        port,
        url,
        get running() {
          return running;
        },
        async start() {
          if (running) return;
          const dataDir = `.data/scale-${index}`;
          fs.rmSync(path.resolve(dataDir), { recursive: true, force: true });
          current = run(
            `app${index}`,
            ["--import", "tsx", "scripts/parley.ts", "start"],
            { ...env, PORT: String(port), PARLEY_DATA_DIR: dataDir },
            log,
          );
          running = true;
          const child = current;
          void child.exited.then(() => {
            history += child.output();
            if (current === child) running = false;
          });
          await waitFor(
            `instance ${index} on port ${port}`,
            () => healthy(url),
            90_000,
            () => child.output(),
          );
        },
        async kill() {
          if (!current || !running) return;
          const child = current;
          killGroup(child.child, "SIGKILL");
          await child.exited;
          running = false;
        },
        async terminate() {
          if (!current || !running) return { code: null, ms: 0 };
          const child = current;
          const started = Date.now();
          child.child.kill("SIGTERM"); // the launcher only: it forwards the signal and waits for the server
          const code = await child.exited;
          running = false;
          return { code, ms: Date.now() - started };
        },
        output: () => (running && current ? history + current.output() : history),
      };
      stops.push(async () => {
        if (current && running) {
          killGroup(current.child, "SIGKILL");
          await current.exited;
        }
      });
      return instance;
    });
    await Promise.all(instances.map((instance) => instance.start()));

    const proxy = await startRoundRobinProxy({ port: options.proxyPort, backendPorts: instances.map((i) => i.port) });
    stops.push(() => proxy.close());
    return { url: proxy.url, proxy, instances, databaseUrl: database.url, secret, pusher, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
