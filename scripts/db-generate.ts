// Generates the Prisma client for the configured provider into lib/generated/prisma:
// the PostgreSQL schema by default, the MongoDB one when DATABASE_URL is mongodb://… or
// DATABASE_PROVIDER=mongodb. Runs on `npm install` and before `next build`.
import { execFileSync } from "node:child_process";
import { loadEnvFiles } from "@/lib/embedded/launcher/env-files";

loadEnvFiles();
const url = process.env.DATABASE_URL ?? "";
const provider = process.env.DATABASE_PROVIDER ?? (url.startsWith("mongodb") ? "mongodb" : "postgresql");
const args = provider === "mongodb" ? ["generate", "--config", "prisma/mongodb/prisma.config.ts"] : ["generate"];
console.log(`db:generate: Prisma client for ${provider}`);
execFileSync(process.execPath, ["node_modules/prisma/build/index.js", ...args], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
});
