// The environment for a launcher run on a fresh, hermetic embedded stack (end-to-end tests,
// benchmarks): its own emptied data folder, ephemeral database and realtime ports, and none of the
// real services a developer's shell may configure. Mail stays in the data folder's outbox
// (MAIL_TRANSPORT=outbox) unless the caller points it at a test SMTP server (scripts/e2e-server.ts).
import fs from "node:fs";
import path from "node:path";

const SERVICE_VARIABLES = [
  "DATABASE_URL",
  "PUSHER_APP_ID",
  "PUSHER_KEY",
  "PUSHER_SECRET",
  "PUSHER_HOST",
  "PUSHER_PORT",
  "NEXTAUTH_URL",
  "SMTP_URL",
  "SMTP_HOST",
];

export function freshStackEnv(dataDir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const folder = path.resolve(dataDir);
  fs.rmSync(folder, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...base,
    PARLEY_DATA_DIR: folder,
    PARLEY_EMBEDDED_DB_PORT: "0",
    PARLEY_REALTIME_PORT: "0",
    MAIL_TRANSPORT: "outbox",
  };
  for (const name of SERVICE_VARIABLES) delete env[name];
  return env;
}
