// The server Playwright starts: the production build on a fresh embedded stack (own data folder,
// ephemeral database and realtime ports), so end-to-end runs never see data from an earlier run
// and never collide with a developer's `npm run dev`.
import { spawn } from "node:child_process";
import { freshStackEnv } from "@/lib/embedded/launcher/fresh-stack-env";

const env = freshStackEnv(".data/e2e");
// Mail goes to the test SMTP server Playwright starts (e2e/support/mail-server.ts), where the specs read it.
if (process.env.E2E_SMTP_URL)
  Object.assign(env, { SMTP_URL: process.env.E2E_SMTP_URL, MAIL_TRANSPORT: "smtp", MAIL_FROM: "Parley <no-reply@parley.test>" });
// The assistant answers from the fake AI provider Playwright starts (e2e/support/fake-ai-server.ts).
if (process.env.E2E_AI_BASE_URL)
  Object.assign(env, { AI_BASE_URL: process.env.E2E_AI_BASE_URL, AI_MODEL: "fake-model", AI_API_KEY: "e2e-assistant-key" });
const child = spawn(process.execPath, ["--import", "tsx", "scripts/parley.ts", "start"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
