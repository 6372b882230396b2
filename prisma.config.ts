// Prisma CLI configuration. The JS engine with a driver adapter lets `prisma generate`,
// `prisma validate` and `prisma migrate diff` run without downloading native engines.
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The CLI resolves env("DATABASE_URL") before it looks at the engine type; when the variable is
// unset it falls back to the native engine and tries to download it. Generation never connects,
// so a placeholder is enough for offline `prisma generate`.
process.env.DATABASE_URL ??= "postgresql://parley@127.0.0.1:5432/parley";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgresql/schema.prisma",
  migrations: { path: "prisma/postgresql/migrations" },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
