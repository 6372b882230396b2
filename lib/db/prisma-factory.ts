// Builds Prisma clients. Kept free of `server-only` so scripts (seed, benchmarks) can use it too;
// application code imports `db` from ./client instead.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/config/env";

type ClientOptions = ConstructorParameters<typeof PrismaClient>[0];

export function createPrismaClient(options: { url?: string; poolSize?: number } = {}): PrismaClient {
  const env = serverEnv();
  const url = options.url ?? env.DATABASE_URL;
  if (env.databaseProvider === "mongodb") {
    // The MongoDB client takes a URL; its constructor type differs from the adapter-only PostgreSQL one.
    return new PrismaClient({ datasourceUrl: url } as unknown as ClientOptions);
  }
  const adapter = new PrismaPg({ connectionString: url, max: options.poolSize ?? env.DATABASE_POOL_SIZE });
  return new PrismaClient({ adapter } as ClientOptions);
}
