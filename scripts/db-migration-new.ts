// Creates a PostgreSQL migration from the change to prisma/postgresql/schema.prisma:
//   npm run db:migration:new -- add_message_reactions
// Prisma computes the SQL (`migrate diff`) from the schema as of the last migration
// (migrations/schema-at-last-migration.prisma) to the current schema. Prisma's JS schema engine
// needs a live database even for a model-to-model diff, so an in-memory embedded one is started.
// `from` may be "empty" (the whole schema as one script).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/embedded/postgres/embedded-postgres";
import { MIGRATIONS_DIR } from "@/lib/db/migrate";

const SCHEMA = "prisma/postgresql/schema.prisma";
const SNAPSHOT = path.join(MIGRATIONS_DIR, "schema-at-last-migration.prisma");

/** `databaseUrl`: a scratch database Prisma may connect to; an in-memory one is started if omitted. */
export async function diffSql(from: string, to: string, databaseUrl?: string): Promise<string> {
  const database = databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: "memory://" });
  try {
    // Async on purpose: the embedded database answers from this process's event loop.
    const { stdout: output } = await promisify(execFile)(
      process.execPath,
      [
        "node_modules/prisma/build/index.js",
        "migrate",
        "diff",
        ...(from === "empty" ? ["--from-empty"] : ["--from-schema-datamodel", from]),
        "--to-schema-datamodel",
        to,
        "--script",
      ],
      { env: { ...process.env, DATABASE_URL: databaseUrl ?? database!.url, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, encoding: "utf8" },
    );
    // The CLI prints its config notice on stdout too.
    return output.replace(/^Loaded Prisma config from .*\n+/m, "").trim();
  } finally {
    await database?.close();
  }
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("usage: npm run db:migration:new -- <name_in_snake_case>");
    process.exit(2);
  }
  const sql = await diffSql(SNAPSHOT, SCHEMA);
  if (!sql || /^-- This is an empty migration\.?$/.test(sql)) {
    console.log("schema unchanged since the last migration: nothing to do");
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, "migration.sql"), `${sql}\n`);
  fs.copyFileSync(SCHEMA, SNAPSHOT);
  console.log(`created ${path.relative(process.cwd(), folder)}/migration.sql — review it, then commit it with the schema`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(`db:migration:new: ${(error as Error).message}`);
    process.exit(1);
  });
}
