// The one Prisma client of the server process, created on first use (so `next build` does not need
// a database) and reused across hot reloads in development.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient, sqlPoolOf } from "./prisma-factory";
import { poolReader, type SqlReader } from "./sql";

const globalForPrisma = globalThis as unknown as { parleyPrisma?: PrismaClient };

function instance(): PrismaClient {
  globalForPrisma.parleyPrisma ??= createPrismaClient();
  return globalForPrisma.parleyPrisma;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = instance();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});

/** Raw SQL on the client's own pool, without Prisma's per-call compile (lib/db/sql.ts); PostgreSQL only. */
export function sqlReader(): SqlReader {
  return poolReader(() => {
    const pool = sqlPoolOf(instance());
    if (!pool) throw new Error("sqlReader: no SQL pool (MongoDB)");
    return pool;
  });
}
