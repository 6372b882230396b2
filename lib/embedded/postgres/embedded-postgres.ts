// The embedded default database: PGlite (Postgres compiled to WebAssembly) persisted in a folder,
// served over the Postgres wire protocol so Prisma, `pg` and psql connect to it like any Postgres.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_EXTENSIONS } from "./extensions";
import { cacheFileSizes } from "./file-sizes";
import { startWireServer, type WireServer } from "./wire-server";

export interface EmbeddedPostgres {
  url: string;
  server: WireServer;
  close(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Folder holding the data files; `memory://` keeps everything in memory (tests). */
  dataDir: string;
  host?: string;
  port?: number;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const inMemory = options.dataDir.startsWith("memory://");
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(options.dataDir)), { recursive: true });
  const db = await PGlite.create({ dataDir: inMemory ? undefined : options.dataDir, extensions: PGLITE_EXTENSIONS });
  // Relation sizes without an fstat per table and index per statement (./file-sizes.ts).
  if (!inMemory) cacheFileSizes(db.Module.FS);
  let server: WireServer;
  try {
    server = await startWireServer({ db, host: options.host, port: options.port });
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    url: server.connectionString(),
    server,
    async close() {
      await server.close();
      await db.close();
    },
  };
}
