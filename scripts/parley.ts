// Parley's launcher: `npm run dev` / `npm start` run this. It loads .env, starts the embedded
// services the configuration leaves out, validates the configuration, applies migrations and the
// one-time data steps (lib/db/data-migrations.ts), seeds demo data on the first `dev` run on the
// embedded database (never in `start` unless --seed is given: the demo accounts share a published
// password), then runs Next.js, and stops everything on Ctrl-C.
//
//   tsx scripts/parley.ts dev|start [--seed]   run the app (development server / production build)
//   tsx scripts/parley.ts migrate               apply migrations and exit
//   tsx scripts/parley.ts seed                  add the demo users and conversations and exit
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ConfigError, parseServerEnv } from "@/lib/config/env";
import { runDataMigrations } from "@/lib/db/data-migrations";
import { migrate, MigrationError } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/prisma-factory";
import { isSeeded, seedDemoData } from "@/lib/db/seed";
import { assertPortFree, startEmbeddedStack, StartupError } from "@/lib/embedded/launcher/embedded-stack";
import { loadEnvFiles } from "@/lib/embedded/launcher/env-files";
import { drainOptionsFromEnv } from "@/lib/server/drain";

const log = (line: string) => console.log(`parley ${line}`);
const COMMANDS = ["dev", "start", "migrate", "seed"] as const;
type Command = (typeof COMMANDS)[number];

function describeDatabaseError(error: unknown, url: string): string {
  const where = (() => {
    try {
      const parsed = new URL(url);
      return `${parsed.hostname}:${parsed.port || "5432"}`;
    } catch {
      return "DATABASE_URL";
    }
  })();
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case "ECONNREFUSED":
      return `cannot reach the database at ${where} (connection refused): start PostgreSQL or fix DATABASE_URL (unset it to use the embedded database)`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve the database host in DATABASE_URL (${where}): fix the host name`;
    case "ETIMEDOUT":
      return `timed out connecting to the database at ${where}: check the network or DATABASE_URL`;
    case "28P01":
    case "28000":
      return `the database at ${where} refused the user or password in DATABASE_URL`;
    case "3D000":
      return `the database named in DATABASE_URL does not exist at ${where}: create it (createdb) or fix the URL`;
    default:
      return `database error at ${where}: ${e.message ?? String(error)}`;
  }
}

async function main() {
  const command = process.argv[2] as Command | undefined;
  if (!command || !COMMANDS.includes(command)) {
    console.error(`usage: tsx scripts/parley.ts <${COMMANDS.join("|")}> [--seed]`);
    process.exit(2);
  }
  const forceSeed = process.argv.includes("--seed") || command === "seed";
  loadEnvFiles();
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  const dataDir = path.resolve(process.env.PARLEY_DATA_DIR || ".data");
  const runsServer = command === "dev" || command === "start";
  const port = Number(process.env.PORT || 3000);
  if (runsServer) {
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new StartupError(`PORT must be a port number, got "${process.env.PORT}"`);
    }
    await assertPortFree(port, "0.0.0.0", "PORT");
    process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  }
  if (command === "start") (process.env as Record<string, string>).NODE_ENV = "production";

  // A generated NEXTAUTH_SECRET (kept in the data folder) suits one host only: development, the
  // migrate/seed commands, or `start` on the embedded database. `start` against an external
  // database must be given the secret (lib/config/env.ts refuses production without it).
  const generateSecret = command !== "start" || !process.env.DATABASE_URL;
  const stack = await startEmbeddedStack({ env: process.env, dataDir, log, generateSecret });
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
    process.exit(code);
  };

  try {
    Object.assign(process.env, stack.env);
    const env = parseServerEnv(process.env);
    if (env.databaseProvider === "postgresql") {
      const applied = await migrate(env.DATABASE_URL).catch((error: unknown) => {
        if (error instanceof MigrationError) throw error;
        throw new StartupError(describeDatabaseError(error, env.DATABASE_URL));
      });
      log(`migrations: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
    } else {
      log("database: MongoDB (schema changes are applied with `npx prisma db push --schema prisma/mongodb/schema.prisma`)");
    }
    // One-time data steps (lib/db/data-migrations.ts: the Links tab's backfill of older messages). A
    // failure does not stop the start: the step is not recorded and runs again at the next one.
    const dataClient = createPrismaClient({ poolSize: 2 });
    try {
      await runDataMigrations(dataClient, env.databaseProvider, log);
    } catch (error) {
      log(`data migrations: failed, will run again at the next start: ${(error as Error).message}`);
    } finally {
      await dataClient.$disconnect();
    }
    // Demo users with a published password: only in development (or when asked), never in production.
    if (forceSeed || (stack.embeddedDatabase && command === "dev")) {
      const client = createPrismaClient({ poolSize: 2 });
      try {
        if (forceSeed || !(await isSeeded(client))) {
          const logins = await seedDemoData(client);
          log(`seed: demo users (password "${logins[0]?.password}"): ${logins.map((l) => l.email).join(", ")}`);
        }
      } finally {
        await client.$disconnect();
      }
    }
  } catch (error) {
    await stack.stop();
    throw error;
  }

  if (!runsServer) return shutdown(0);
  const drainPatienceMs = () => {
    const { graceMs, timeoutMs } = drainOptionsFromEnv(process.env);
    return graceMs + timeoutMs;
  };
  if (command === "start") {
    try {
      drainPatienceMs();
    } catch (error) {
      await stack.stop();
      throw new StartupError((error as Error).message);
    }
  }

  if (command === "start" && !fs.existsSync(".next/BUILD_ID")) {
    await stack.stop();
    throw new StartupError("no production build found: run `npm run build` first");
  }
  // The preload stamps each request with its socket address (rate limits; scripts/peer-address.cjs).
  const preload = path.resolve("scripts/peer-address.cjs");
  // dev: `next dev`. start: our server around Next's handler, which drains on SIGTERM (scripts/parley-server.ts).
  const args =
    command === "dev"
      ? [path.resolve("node_modules/next/dist/bin/next"), "dev", "-p", String(port)]
      : ["--import", "tsx", path.resolve("scripts/parley-server.ts")];
  const child = spawn(process.execPath, ["--require", preload, ...args], { stdio: "inherit", env: { ...process.env, PORT: String(port) } });
  log(`app: http://localhost:${port}`);
  // start: the server drains (grace + timeout) before it exits; wait for it, with a margin, then stop the embedded services.
  const patienceMs = command === "start" ? drainPatienceMs() + 5_000 : 5_000;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      child.kill(signal === "SIGTERM" || command === "dev" ? "SIGTERM" : "SIGINT");
      // If it hangs, do not hang with it.
      setTimeout(() => child.kill("SIGKILL"), patienceMs).unref();
    });
  }
  child.on("exit", (code, signal) => void shutdown(code ?? (signal ? 0 : 1)));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.format());
  else if (error instanceof StartupError || error instanceof MigrationError) console.error(`parley: ${error.message}`);
  else console.error("parley: unexpected start-up failure:", error);
  process.exit(1);
});
