// Starts whatever the configuration leaves out: the embedded PostgreSQL when DATABASE_URL is unset,
// the project's Pusher-protocol server when PUSHER_* are unset, and a persisted NEXTAUTH_SECRET.
// The resulting environment is complete, so the app runs the same code as with real services.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import webpush from "web-push";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/embedded/postgres/embedded-postgres";
import { appOrigins } from "@/lib/embedded/realtime-server/origins";
import { startPusherProtocolServer } from "@/lib/embedded/realtime-server/pusher-protocol-server";

export class StartupError extends Error {
  override name = "StartupError";
}

export interface LauncherOptions {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  log: (line: string) => void;
  /**
   * Fill in NEXTAUTH_SECRET from the data folder when it is unset (default true). The launcher turns
   * it off for `start` against an external database, where production must be given the secret.
   */
  generateSecret?: boolean;
}

export interface EmbeddedStack {
  /** Variables to add to the app's environment. */
  env: Record<string, string>;
  embeddedDatabase: boolean;
  embeddedRealtime: boolean;
  stop(): Promise<void>;
}

const PUSHER_VARS = ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET"] as const;

interface EmbeddedSecrets {
  pusherAppId: string;
  pusherKey: string;
  pusherSecret: string;
  nextAuthSecret: string;
  /** Web Push (issue 16); added to an older data folder's file on its first run with them. */
  vapidPublicKey?: string;
  vapidPrivateKey?: string;
}

/** Random per data folder, kept across restarts so signed-in sessions survive a restart. */
function loadSecrets(dataDir: string): EmbeddedSecrets {
  const file = path.join(dataDir, "embedded-secrets.json");
  const stored = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as EmbeddedSecrets) : null;
  if (stored?.vapidPublicKey && stored.vapidPrivateKey) return stored;
  const vapid = webpush.generateVAPIDKeys();
  const secrets: EmbeddedSecrets = {
    ...(stored ?? {
      pusherAppId: String(100000 + Math.floor(Math.random() * 899999)),
      pusherKey: randomBytes(10).toString("hex"),
      pusherSecret: randomBytes(24).toString("hex"),
      nextAuthSecret: randomBytes(32).toString("base64"),
    }),
    vapidPublicKey: vapid.publicKey,
    vapidPrivateKey: vapid.privateKey,
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          error.code === "EADDRINUSE"
            ? `port ${port} is already in use (is Parley already running?); stop that process or set ${variable} to another port`
            : `cannot listen on ${host}:${port} (${error.code ?? error.message}); set ${variable} to another port`,
        ),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`${variable} must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

export async function startEmbeddedStack({ env, dataDir, log, generateSecret = true }: LauncherOptions): Promise<EmbeddedStack> {
  const extra: Record<string, string> = {};
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => {});
  };
  const secrets = loadSecrets(dataDir);

  let database: EmbeddedPostgres | undefined;
  try {
    if (!env.DATABASE_URL) {
      const port = portFrom(env, "PARLEY_EMBEDDED_DB_PORT", 54329);
      if (port !== 0) await assertPortFree(port, "127.0.0.1", "PARLEY_EMBEDDED_DB_PORT");
      const folder = path.join(dataDir, "pglite");
      const lock = path.join(dataDir, "pglite.pid");
      claimLock(lock);
      stops.push(async () => fs.rmSync(lock, { force: true }));
      database = await startEmbeddedPostgres({ dataDir: folder, port });
      stops.push(() => database!.close());
      extra.DATABASE_URL = database.url;
      // The embedded server runs one query at a time; a small pool keeps latency predictable.
      extra.DATABASE_POOL_SIZE ??= env.DATABASE_POOL_SIZE ?? "8";
      log(`database: embedded PostgreSQL (PGlite) at ${database.url} — data in ${folder}`);
    }

    const pusherSet = PUSHER_VARS.filter((name) => env[name]);
    if (pusherSet.length > 0 && pusherSet.length < PUSHER_VARS.length) {
      const missing = PUSHER_VARS.filter((name) => !env[name]);
      throw new StartupError(
        `${missing.join(", ")} missing: set all of ${PUSHER_VARS.join(", ")} for hosted Pusher, or none for the embedded realtime server`,
      );
    }
    let embeddedRealtime = false;
    if (pusherSet.length === 0) {
      const port = portFrom(env, "PARLEY_REALTIME_PORT", 6001);
      const host = "127.0.0.1";
      let realtime;
      try {
        realtime = await startPusherProtocolServer({
          appId: secrets.pusherAppId,
          key: secrets.pusherKey,
          secret: secrets.pusherSecret,
          host,
          port,
          // Only the app's pages may open websockets (browsers always send Origin; Node clients do not).
          allowedOrigins: appOrigins(env.NEXTAUTH_URL, env.PARLEY_REALTIME_ALLOWED_ORIGINS),
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
          throw new StartupError(
            `port ${port} is already in use (is Parley already running?); stop that process or set PARLEY_REALTIME_PORT to another port`,
          );
        }
        throw error;
      }
      stops.push(() => realtime.close());
      Object.assign(extra, {
        PUSHER_APP_ID: secrets.pusherAppId,
        PUSHER_KEY: secrets.pusherKey,
        PUSHER_SECRET: secrets.pusherSecret,
        PUSHER_CLUSTER: "local",
        PUSHER_HOST: host,
        PUSHER_PORT: String(realtime.port),
        PUSHER_USE_TLS: "false",
      });
      embeddedRealtime = true;
      log(`realtime: embedded Pusher-protocol server at ws://${host}:${realtime.port}`);
    }

    if (!env.NEXTAUTH_SECRET && generateSecret) extra.NEXTAUTH_SECRET = secrets.nextAuthSecret;
    if (!env.VAPID_PUBLIC_KEY && !env.VAPID_PRIVATE_KEY && generateSecret) {
      extra.VAPID_PUBLIC_KEY = secrets.vapidPublicKey!;
      extra.VAPID_PRIVATE_KEY = secrets.vapidPrivateKey!;
    }
    return { env: extra, embeddedDatabase: database !== undefined, embeddedRealtime, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Two processes on one PGlite folder would corrupt it: refuse with a clear message instead. */
function claimLock(file: string) {
  if (fs.existsSync(file)) {
    const pid = Number(fs.readFileSync(file, "utf8"));
    let alive = false;
    try {
      if (pid > 0 && pid !== process.pid) {
        process.kill(pid, 0);
        alive = true;
      }
    } catch {
      alive = false;
    }
    if (alive) {
      throw new StartupError(
        `the embedded database in ${path.dirname(file)} is in use by process ${pid}; stop it or set PARLEY_DATA_DIR to another folder`,
      );
    }
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, String(process.pid));
}
