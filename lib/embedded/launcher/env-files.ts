// .env.local then .env, as Next.js reads them: a variable already in the environment wins.
import fs from "node:fs";
import { parseEnv } from "node:util";

export function loadEnvFiles(env: NodeJS.ProcessEnv = process.env): void {
  for (const file of [".env.local", ".env"]) {
    if (!fs.existsSync(file)) continue;
    for (const [key, value] of Object.entries(parseEnv(fs.readFileSync(file, "utf8")))) {
      if (env[key] === undefined && value !== undefined) env[key] = value;
    }
  }
}
