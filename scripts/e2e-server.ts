// The server Playwright starts: the production build on a fresh embedded stack (own data folder,
// ephemeral database and realtime ports), so end-to-end runs never see data from an earlier run
// and never collide with a developer's `npm run dev`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dataDir = path.resolve(".data/e2e");
fs.rmSync(dataDir, { recursive: true, force: true });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PARLEY_DATA_DIR: dataDir,
  PARLEY_EMBEDDED_DB_PORT: "0",
  PARLEY_REALTIME_PORT: "0",
};
// Real services configured in the shell must not leak into the hermetic e2e stack.
for (const name of ["DATABASE_URL", "PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "PUSHER_HOST", "PUSHER_PORT", "NEXTAUTH_URL"]) {
  delete env[name];
}
const child = spawn(process.execPath, ["--import", "tsx", "scripts/parley.ts", "start"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
