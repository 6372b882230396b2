// Builds Prisma clients. Kept free of `server-only` so scripts (seed, benchmarks) can use it too;
// application code imports `db` from ./client instead.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/config/env";

type ClientOptions = ConstructorParameters<typeof PrismaClient>[0];

/**
 * Transaction limits. Prisma's default maxWait (2 s) made a burst of a few hundred concurrent
 * sends fail with P2028 "Unable to start a transaction in the given time" (tests/stress/load.test.ts);
 * waiting longer for a connection queues the burst instead (a real timeout still answers 503).
 */
const transactionOptions = { maxWait: 10_000, timeout: 10_000 };

export function createPrismaClient(options: { url?: string; poolSize?: number } = {}): PrismaClient {
  const env = serverEnv();
  const url = options.url ?? env.DATABASE_URL;
  if (env.databaseProvider === "mongodb") {
    // The MongoDB client takes a URL; its constructor type differs from the adapter-only PostgreSQL one.
    return new PrismaClient({ datasourceUrl: url, transactionOptions } as unknown as ClientOptions);
  }
  // The pool is ours so that a hot read can skip Prisma's query compiler on the same connections
  // (sqlPoolOf, lib/db/sql.ts). Prisma ends it on $disconnect and, if used again, connects a new
  // pool of its own; the raw reads then get a new one too (only tests and scripts do that).
  const config: pg.PoolConfig = { connectionString: url, max: options.poolSize ?? env.DATABASE_POOL_SIZE, allowExitOnIdle: true };
  let pool = new pg.Pool(config);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({ adapter, transactionOptions } as ClientOptions);
  pools.set(client, () => (pool.ending ? (pool = new pg.Pool(config)) : pool));
  return client;
}

const pools = new WeakMap<PrismaClient, () => pg.Pool>();

/** The live `pg` pool under a PostgreSQL client made here; none for MongoDB. */
export const sqlPoolOf = (client: PrismaClient): pg.Pool | undefined => pools.get(client)?.();
