// Keeps the MongoDB path from rotting (no MongoDB server can run here, so this is static):
// 1. `prisma validate` on prisma/mongodb/schema.prisma;
// 2. generates the MongoDB client (no engine download) into .data/mongodb-check/;
// 3. type-checks the whole app against it (tsconfig.mongodb.json maps the generated-client import).
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = process.cwd();
const workDir = path.join(root, ".data/mongodb-check");

async function prisma(args: string[]) {
  // Prisma checks that engine files exist before it uses the wasm validator; any file will do.
  const env = {
    ...process.env,
    DATABASE_URL: "mongodb://127.0.0.1:27017/parley",
    PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true",
    PRISMA_QUERY_ENGINE_LIBRARY: "/bin/true",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  };
  const { stdout } = await run(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...args], {
    cwd: workDir,
    env,
  });
  return stdout;
}

async function main() {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  const schema = fs
    .readFileSync(path.join(root, "prisma/mongodb/schema.prisma"), "utf8")
    .replace(/output\s*=\s*"[^"]*"/, 'output       = "./client"');
  fs.writeFileSync(path.join(workDir, "schema.prisma"), schema);
  // An explicit config keeps the PostgreSQL prisma.config.ts (JS engine + pg adapter) out of this run.
  fs.writeFileSync(
    path.join(workDir, "prisma.config.ts"),
    'import { defineConfig } from "prisma/config";\nexport default defineConfig({ schema: "schema.prisma" });\n',
  );
  await prisma(["validate", "--config", "prisma.config.ts"]);
  console.log("mongodb: schema valid");
  await prisma(["generate", "--no-engine", "--config", "prisma.config.ts"]);
  console.log("mongodb: client generated");
  await run(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.mongodb.json"], {
    cwd: root,
  });
  console.log("mongodb: the app type-checks against the MongoDB client");
}

main().catch((error: { stdout?: string; stderr?: string; message: string }) => {
  console.error(`check:mongodb failed\n${error.stdout ?? ""}${error.stderr ?? ""}` || error.message);
  process.exit(1);
});
