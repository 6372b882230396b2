// Prisma CLI configuration for the MongoDB schema (native engine; used with `--config`).
import { defineConfig } from "prisma/config";

export default defineConfig({ schema: "schema.prisma" });
